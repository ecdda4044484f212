// The harness's own parts that need no namespace: the process supervisor and the tone analysis.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from './netns.js';
import { isAlive, runningProcesses, startProcess, stopAll } from './processes.js';
import { analyseWav, makeTone, measureFrequency, rms } from './tone.js';

describe('process supervisor', () => {
  afterAll(() => stopAll());

  it('keeps the last lines, waits for a line (also one printed before the wait), and stops with SIGTERM', async () => {
    const p = startProcess('bash', ['-c', 'for i in $(seq 1 50); do echo line$i; done; exec sleep 30'], { maxLines: 10 });
    expect(await p.waitFor(/^line50$/, 5000)).toBe('line50');
    expect(p.lines()).toEqual(Array.from({ length: 10 }, (_, i) => `line${41 + i}`));
    expect(await p.waitFor((l) => l.endsWith('45'), 1000)).toBe('line45');
    const mark = p.mark();
    await expect(p.waitFor(/^line/, 300, mark)).rejects.toThrow(/no line matching/);
    expect(runningProcesses()).toContain(p);
    expect(await p.stop()).toEqual({ code: null, signal: 'SIGTERM' });
    expect(isAlive(p.pid)).toBe(false);
    expect(runningProcesses()).not.toContain(p);
  });

  it('kills a process that ignores SIGTERM after the grace time; waitFor rejects when it exits', async () => {
    const stubborn = startProcess('node', [
      '-e',
      'process.on("SIGTERM",()=>console.log("ignored"));console.log("up");setInterval(()=>{},1000)',
    ]);
    await stubborn.waitFor(/^up$/, 5000);
    const waiting = stubborn.waitFor(/never/, 10_000);
    const started = Date.now();
    expect(await stubborn.stop(500)).toEqual({ code: null, signal: 'SIGKILL' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    expect(stubborn.lines()).toContain('ignored');
    await expect(waiting).rejects.toThrow(/exited/);
  });

  it('stopAll() stops everything still running', async () => {
    const a = startProcess('sleep', ['30']);
    const b = startProcess('sleep', ['30']);
    await stopAll();
    expect([isAlive(a.pid), isAlive(b.pid)]).toEqual([false, false]);
    expect(runningProcesses()).toEqual([]);
  });

  it('fails clearly on a command that does not exist', () => {
    expect(() => startProcess('/nonexistent/dvt-binary', [])).toThrow(/could not start/);
  });
});

describe('tone analysis', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dvt-tone-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('makes an 8 kHz mono 16-bit WAV and its raw A-law twin', async () => {
    const t = await makeTone(dir, 'a', 1000, 2);
    const info = await run('soxi', [t.wav]);
    expect(info.stdout).toMatch(/Sample Rate\s*: 8000/);
    expect(info.stdout).toMatch(/Channels\s*: 1/);
    expect(info.stdout).toMatch(/Precision\s*: 16-bit/);
    const back = join(dir, 'a-back.wav');
    await run('sox', ['-t', 'al', '-r', '8000', '-c', '1', t.alaw, '-e', 'signed-integer', '-b', '16', back]);
    expect(Math.abs((await measureFrequency(back)) - 1000)).toBeLessThan(10);
  });

  it('finds the frequency and RMS of the sound, not of the silence around it', async () => {
    const t = await makeTone(dir, 'b', 600, 3, 0.5);
    const padded = join(dir, 'b-padded.wav');
    await run('sox', [t.wav, padded, 'pad', '1', '0.5']);
    const a = await analyseWav(padded);
    expect(a.seconds).toBeCloseTo(4.5, 1);
    expect(a.activeSeconds).toBeCloseTo(3, 1);
    expect(Math.abs(a.frequency - 600)).toBeLessThan(6);
    expect(await rms(padded)).toBeCloseTo(0.5 / Math.SQRT2, 2);
  });

  it('tells tones apart and reports silence as 0 Hz', async () => {
    for (const f of [440, 600, 1000, 2500]) {
      const t = await makeTone(dir, `f${f}`, f, 1, 0.2);
      expect(Math.abs((await measureFrequency(t.wav)) - f) / f).toBeLessThan(0.01);
    }
    const silent = join(dir, 'silent.wav');
    await run('sox', ['-n', '-r', '8000', '-c', '1', '-b', '16', silent, 'trim', '0', '1']);
    expect(await analyseWav(silent)).toMatchObject({ frequency: 0, rms: 0, activeSeconds: 0 });
  });
});
