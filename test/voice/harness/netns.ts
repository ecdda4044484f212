// A private network namespace for one voice test: `lo` up inside, and a veth pair to the host on a random
// private /30 (host side .1, namespace side .2 of the /30), so Doverie can listen on the host address and
// Kamailio, rtpengine, baresip and SIPp run inside. destroy() stops what was started in it and deletes it.
import { execFile, spawnSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { atProcessEnd, startProcess, type ManagedProcess, type StartOptions } from './processes.js';

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Netns {
  name: string;
  hostAddress: string;
  nsAddress: string;
  /** The veth end on the host and the one inside the namespace (for captures). */
  hostInterface: string;
  nsInterface: string;
  /** Starts a supervised process inside the namespace (`ip netns exec`). */
  spawn(cmd: string, args: string[], opts?: StartOptions): ManagedProcess;
  /** Runs a command inside the namespace to completion; never throws on a non-zero exit. */
  exec(cmd: string, args: string[], timeoutMs?: number): Promise<ExecResult>;
  /** Resolves once something inside listens on `port` (UDP or TCP); rejects after timeoutMs. */
  waitListening(port: number, proto?: 'udp' | 'tcp', timeoutMs?: number): Promise<void>;
  /** Stops every process started in the namespace, deletes the veth and the namespace. Safe to call twice. */
  destroy(): Promise<void>;
}

const SUBNET_PREFIX = '10.213';
const live = new Set<string>();

// Last resort if the test process ends without destroy(): nothing may outlive the run.
atProcessEnd(() => {
  for (const name of [...live]) removeSync(name);
});

export function run(cmd: string, args: string[], timeoutMs = 10_000): Promise<ExecResult> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr: stderr || (err && code === -1 ? err.message : '') });
    });
  });
}

async function must(cmd: string, args: string[]): Promise<string> {
  const r = await run(cmd, args);
  if (r.code !== 0) throw new Error(`netns: \`${cmd} ${args.join(' ')}\` failed (${r.code}): ${r.stderr.trim() || r.stdout.trim()}`);
  return r.stdout;
}

/** Names of the network namespaces on this machine. */
export async function listNetns(): Promise<string[]> {
  const out = await must('ip', ['netns', 'list']);
  return out
    .split('\n')
    .map((l) => l.trim().split(/\s+/)[0] ?? '')
    .filter(Boolean);
}

/** PIDs of the processes inside a namespace (empty when it is gone). */
export async function netnsPids(name: string): Promise<number[]> {
  const r = await run('ip', ['netns', 'pids', name]);
  if (r.code !== 0) return [];
  return r.stdout.split(/\s+/).filter(Boolean).map(Number);
}

/** Host IPv4 addresses in 10.213.0.0/16, as "X.Y" suffixes, to avoid a /30 already in use. */
async function usedSubnets(): Promise<Map<string, number>> {
  const out = await must('ip', ['-o', '-4', 'addr', 'show']);
  const count = new Map<string, number>();
  for (const m of out.matchAll(/inet 10\.213\.(\d+)\.(\d+)\//g)) {
    const key = `${m[1]}.${Math.floor(Number(m[2]) / 4)}`;
    count.set(key, (count.get(key) ?? 0) + 1);
  }
  return count;
}

function removeSync(name: string): void {
  const pids = spawnSync('ip', ['netns', 'pids', name], { encoding: 'utf8' }).stdout ?? '';
  for (const pid of pids.split(/\s+/).filter(Boolean)) {
    try {
      process.kill(Number(pid), 'SIGKILL');
    } catch {
      // gone
    }
  }
  spawnSync('ip', ['link', 'del', `${name}h`]);
  spawnSync('ip', ['netns', 'del', name]);
  live.delete(name);
}

export async function createNetns(): Promise<Netns> {
  if (process.getuid?.() !== 0) {
    throw new Error('netns: the voice tests need root (ip netns add, veth); run them as root, as CI does');
  }
  const probe = await run('ip', ['netns', 'list']);
  if (probe.code !== 0) throw new Error(`netns: \`ip netns\` does not work here: ${probe.stderr.trim()}`);

  for (let attempt = 0; attempt < 8; attempt++) {
    const name = `dvt${randomBytes(3).toString('hex')}`;
    const hostIf = `${name}h`;
    const nsIf = `${name}n`;
    const used = await usedSubnets();
    const x = randomInt(0, 256);
    const y = randomInt(0, 64);
    if (used.has(`${x}.${y}`)) continue;
    const hostAddress = `${SUBNET_PREFIX}.${x}.${y * 4 + 1}`;
    const nsAddress = `${SUBNET_PREFIX}.${x}.${y * 4 + 2}`;

    const add = await run('ip', ['netns', 'add', name]);
    if (add.code !== 0) {
      if (/exists/i.test(add.stderr)) continue;
      throw new Error(`netns: \`ip netns add ${name}\` failed: ${add.stderr.trim()}`);
    }
    live.add(name);
    try {
      await must('ip', ['-n', name, 'link', 'set', 'lo', 'up']);
      await must('ip', ['link', 'add', hostIf, 'type', 'veth', 'peer', 'name', nsIf, 'netns', name]);
      // IPv4 only: no IPv6 link-local addresses for the SIP stacks to pick up, no DAD delay.
      await must('ip', ['netns', 'exec', name, 'sysctl', '-q', '-w', 'net.ipv6.conf.all.disable_ipv6=1']);
      await run('sysctl', ['-q', '-w', `net.ipv6.conf.${hostIf}.disable_ipv6=1`]);
      await must('ip', ['addr', 'add', `${hostAddress}/30`, 'dev', hostIf]);
      await must('ip', ['link', 'set', hostIf, 'up']);
      await must('ip', ['-n', name, 'addr', 'add', `${nsAddress}/30`, 'dev', nsIf]);
      await must('ip', ['-n', name, 'link', 'set', nsIf, 'up']);
      // Another run may have picked the same /30 at the same moment: then both retry.
      if ((await usedSubnets()).get(`${x}.${y}`) !== 1) throw new Error('subnet collision');
    } catch (err) {
      removeSync(name);
      if (err instanceof Error && err.message === 'subnet collision') continue;
      throw err;
    }
    return makeHandle(name, hostIf, nsIf, hostAddress, nsAddress);
  }
  throw new Error('netns: could not find a free name and /30 after 8 attempts');
}

function makeHandle(name: string, hostIf: string, nsIf: string, hostAddress: string, nsAddress: string): Netns {
  const started = new Set<ManagedProcess>();
  let destroying: Promise<void> | null = null;
  return {
    name,
    hostAddress,
    nsAddress,
    hostInterface: hostIf,
    nsInterface: nsIf,
    spawn(cmd, args, opts = {}) {
      if (destroying) throw new Error(`netns ${name}: already destroyed`);
      // `ip netns exec` execs the command in place (no fork), so the PID is the command's own.
      const p = startProcess('ip', ['netns', 'exec', name, cmd, ...args], { name: cmd, ...opts });
      started.add(p);
      return p;
    },
    exec(cmd, args, timeoutMs = 10_000) {
      return run('ip', ['netns', 'exec', name, cmd, ...args], timeoutMs);
    },
    async waitListening(port, proto = 'udp', timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const r = await run('ip', ['netns', 'exec', name, 'ss', '-Hln', proto === 'udp' ? '-u' : '-t', `sport = :${port}`]);
        if (r.code === 0 && r.stdout.trim()) return;
        if (Date.now() > deadline) throw new Error(`netns ${name}: nothing listens on ${proto} port ${port} after ${timeoutMs} ms`);
        await new Promise((res) => setTimeout(res, 50));
      }
    },
    destroy() {
      destroying ??= (async () => {
        await Promise.all([...started].map((p) => p.stop(2000)));
        for (const pid of await netnsPids(name)) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // gone
          }
        }
        await run('ip', ['link', 'del', hostIf]);
        const del = await run('ip', ['netns', 'del', name]);
        live.delete(name);
        if ((await listNetns()).includes(name)) throw new Error(`netns ${name}: could not delete it: ${del.stderr.trim()}`);
      })();
      return destroying;
    },
  };
}
