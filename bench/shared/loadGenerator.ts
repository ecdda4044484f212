// A load generator in a process of its own (one clock for the times it takes, and its CPU counted apart
// from the benchmark's): forked with tsx, its log lines shown, its phases passed on, its result
// returned; it is stopped once it has answered.
import { fork, type ChildProcess } from 'node:child_process';
import { say } from './report.js';

/** What a generator sends (bench/routing/protocol.ts, bench/chat/protocol.ts). */
export type FromLoadGenerator<Phase, Result> =
  { type: 'log'; line: string } | { type: 'phase'; phase: Phase } | { type: 'result'; result: Result } | { type: 'error'; message: string };

/** Forks `file` (`track` gets the process at once) and sends it `{ type: 'start', config }`. */
export function runLoadGenerator<Config, Phase, Result>(
  file: string,
  config: Config,
  onPhase: (phase: Phase) => void,
  track: (child: ChildProcess) => void,
): Promise<Result> {
  const child = fork(file, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  track(child);
  return new Promise((resolve, reject) => {
    child.on('message', (m: FromLoadGenerator<Phase, Result>) => {
      if (m.type === 'log') say(`  ${m.line}`);
      else if (m.type === 'phase') onPhase(m.phase);
      else if (m.type === 'error') reject(new Error(`load generator failed: ${m.message}`));
      else {
        resolve(m.result);
        child.kill('SIGTERM');
      }
    });
    child.once('exit', (code) => reject(new Error(`load generator exited with ${code}`)));
    child.send({ type: 'start', config });
  });
}
