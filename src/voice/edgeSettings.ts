// The SIP edge's settings as Doverie's configuration implies them: addresses and ports from the
// DOVERIE_SIP_* settings, the secrets derived from the pepper (the edge never holds the pepper).
import { phoneKeySecret } from '../domain/privacy/callerKey.js';
import { parseEdgeSettings, type EdgeSettings } from './edge/settings.js';
import { edgeSecret, type VoiceConfig } from './voiceConfig.js';

/** `selfUrl`: Doverie's own address, used unless DOVERIE_VOICE_EDGE_URL says how the edge reaches it. */
export function edgeSettingsOf(v: VoiceConfig, pepper: Buffer, selfUrl: string): EdgeSettings {
  return parseEdgeSettings({
    runDir: v.runDir,
    sipAddress: v.sipAddress,
    sipPort: v.sipPort,
    wsPort: v.wsPort,
    realm: v.realm,
    rtpengine: { ngPort: v.ngPort, portMin: v.rtpPorts.min, portMax: v.rtpPorts.max },
    doverieUrl: v.edgeUrl ?? selfUrl,
    edgeToken: v.token,
    callerKeySecret: phoneKeySecret(pepper),
    ephemeralSecret: edgeSecret(pepper, 'sip-credentials'),
    trunkAddresses: v.trunkAddresses,
    // Doverie asks over JSON-RPC from this host: from the edge's own address or loopback.
    rpcAllowFrom: [...new Set([v.sipAddress, '127.0.0.1'])],
  });
}
