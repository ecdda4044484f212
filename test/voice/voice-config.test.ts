// The phone line's settings: refused with every problem listed, and `npm run voice:config` writing a
// configuration Kamailio accepts (for an edge that runs on its own).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { assertBuilt } from '../helpers/serverProcess.js';

const run = promisify(execFile);
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'doverie-voice-config-'));
  dirs.push(d);
  return d;
};
const TOKEN = 'voice-config-test-token-0123456789abcdef';

describe('phone line settings', () => {
  it('are off by default; on, they need a token and the trunk, and bad values are listed', () => {
    const data = tempDir();
    expect(loadConfig({ DOVERIE_DATA_DIR: data }).config.voice).toBeNull();
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig({ DOVERIE_DATA_DIR: data, ...env });
        return [];
      } catch (err) {
        return (err as ConfigError).problems;
      }
    };
    expect(problems({ DOVERIE_VOICE: 'on' })).toEqual([
      'DOVERIE_VOICE_TOKEN: required when DOVERIE_VOICE=on',
      "DOVERIE_SIP_TRUNKS: required when DOVERIE_VOICE=on (the operator trunk's addresses)",
    ]);
    const bad = problems({
      DOVERIE_VOICE: 'on',
      DOVERIE_VOICE_TOKEN: 'short',
      DOVERIE_SIP_TRUNKS: '10.0.0.1,not-an-ip',
      DOVERIE_SIP_PORT: '70000',
    });
    expect(bad.map((p) => p.split(':')[0])).toEqual(['DOVERIE_VOICE_TOKEN', 'DOVERIE_SIP_PORT', 'DOVERIE_SIP_TRUNKS.1']);
    const voice = loadConfig({
      DOVERIE_DATA_DIR: data,
      DOVERIE_VOICE: 'on',
      DOVERIE_VOICE_TOKEN: TOKEN,
      DOVERIE_SIP_TRUNKS: '10.0.0.1, 10.0.0.2',
    }).config.voice;
    expect(voice).toMatchObject({
      edge: 'managed',
      sipAddress: '127.0.0.1',
      trunkAddresses: ['10.0.0.1', '10.0.0.2'],
      wsUrl: 'ws://127.0.0.1:5066',
    });
  });

  it('npm run voice:config writes a kamailio.cfg Kamailio accepts (0600, with the secrets), and the commands to start the edge (store, rtpengine, Kamailio)', async () => {
    assertBuilt();
    const data = tempDir();
    const runDir = join(data, 'sip');
    const env = {
      ...process.env,
      DOVERIE_DATA_DIR: data,
      DOVERIE_VOICE: 'on',
      DOVERIE_VOICE_TOKEN: TOKEN,
      DOVERIE_SIP_TRUNKS: '10.0.0.1',
      DOVERIE_SIP_EDGE: 'external',
      DOVERIE_SIP_RUN_DIR: runDir,
    };
    const { stdout } = await run(process.execPath, [join(import.meta.dirname, '../../dist/server/cli/voiceConfig.js')], { env });
    const cfg = join(runDir, 'kamailio.cfg');
    expect(stdout).toContain(`Wrote ${cfg} (0600)`);
    expect(stdout).toMatch(/redis-server --port 0 --unixsocket \S+topos-redis\.sock/);
    expect(stdout).toMatch(/kamailio -f \S+kamailio\.cfg -DD -E -Y/);
    expect(statSync(cfg).mode & 0o777).toBe(0o600);
    expect(readFileSync(cfg, 'utf8')).toContain(TOKEN);
    const without = await run(process.execPath, [join(import.meta.dirname, '../../dist/server/cli/voiceConfig.js')], {
      env: { ...process.env, DOVERIE_DATA_DIR: data },
    }).catch((err: { code: number; stderr: string }) => err);
    expect(without).toMatchObject({ code: 2 });
  });
});
