// `npm run voice:config`: for an edge that runs on its own (DOVERIE_SIP_EDGE=external, e.g. under
// systemd, so that a Doverie restart never drops a call): writes kamailio.cfg (mode 0600: it holds the
// edge's secrets) into DOVERIE_SIP_RUN_DIR, and prints the commands that start topology hiding's
// memory-only store (redis-server on a private socket), rtpengine and Kamailio with it. Exit code 0 when written and checked by `kamailio -c`.
import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../config.js';
import { checkKamailioConfig, telephonyBinaries } from '../voice/edge/edgeProcesses.js';
import { renderKamailioConfig } from '../voice/edge/kamailioConfig.js';
import { redisArgs } from '../voice/edge/toposStore.js';
import { edgeSettingsOf } from '../voice/edgeSettings.js';

async function main(): Promise<number> {
  const { config } = loadConfig();
  if (!config.voice) {
    console.error('Telephony is off: set DOVERIE_VOICE=on and the DOVERIE_SIP_* settings (docs/voice.md).');
    return 2;
  }
  const s = edgeSettingsOf(config.voice, config.secrets.hmacPepper, config.publicUrl ?? `http://${config.host}:${config.port}`);
  const bins = await telephonyBinaries(s);
  if (!bins.ok) {
    console.error(`Kamailio/rtpengine cannot run here: ${bins.reason}`);
    return 2;
  }
  const text = renderKamailioConfig(s);
  const check = await checkKamailioConfig(text, bins.kamailio);
  if (!check.ok) {
    console.error(`kamailio -c refused the rendered configuration:\n${check.output}`);
    return 1;
  }
  await mkdir(s.runDir, { recursive: true, mode: 0o700 });
  const cfg = join(s.runDir, 'kamailio.cfg');
  await writeFile(cfg, text, { mode: 0o600 });
  console.log(`Wrote ${cfg} (0600). Start the edge with (in this order):`);
  console.log(
    `  ${bins.redis} ${redisArgs(s.runDir)
      .map((a) => (a === '' ? "''" : a))
      .join(' ')}`,
  );
  console.log(
    `  ${bins.rtpengine} --config-file=none --interface=${s.sipAddress} --listen-ng=${s.sipAddress}:${s.rtpengine.ngPort} ` +
      `--port-min=${s.rtpengine.portMin} --port-max=${s.rtpengine.portMax} --table=-1 --foreground --log-stderr`,
  );
  console.log(`  ${bins.kamailio} -f ${cfg} -DD -E -Y ${s.runDir} -m 64 -M 8`);
  console.log('Then run Doverie with DOVERIE_SIP_EDGE=external and the same settings.');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof ConfigError ? err.message : `voice:config failed: ${(err as Error).message}`);
    process.exit(2);
  },
);
