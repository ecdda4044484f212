// Settings turned into the exact strings the cfg text needs. Every string here was validated by
// edgeSettingsSchema (no quotes, backslashes, '$' or line breaks), so it can sit inside "...".
import { isIPv6 } from 'node:net';
import type { EdgeSettings } from '../settings.js';

export interface CfgValues {
  s: EdgeSettings;
  /** sipAddress as it is written in listen= lines and URIs (IPv6 in brackets). */
  host: string;
  /** Headers of every request to Doverie, as a cfg string body (\r\n between them). */
  httpHeaders: string;
  routeUrl: string;
  eventsUrl: string;
  deskAuthUrl: string;
  /** A cfg condition true when $si is one of the trunk addresses. */
  fromTrunk: string;
  /** A cfg condition true when $si may use JSON-RPC. */
  fromRpcClient: string;
}

const oneOf = (addresses: string[]) => addresses.map((a) => `compare_ips("$si", "${a}")`).join(' || ');

export function cfgValues(s: EdgeSettings): CfgValues {
  return {
    s,
    host: isIPv6(s.sipAddress) ? `[${s.sipAddress}]` : s.sipAddress,
    httpHeaders: `Content-Type: application/json\\r\\nAuthorization: Bearer ${s.edgeToken}`,
    routeUrl: `${s.doverieUrl}/api/voice/route`,
    eventsUrl: `${s.doverieUrl}/api/voice/events`,
    deskAuthUrl: `${s.doverieUrl}/api/voice/desk-auth`,
    fromTrunk: oneOf(s.trunkAddresses),
    fromRpcClient: oneOf(s.rpcAllowFrom),
  };
}

/** rtpengine flags for the side that receives the SDP: a browser (WebRTC) or plain RTP (trunk, desk phone, queue). */
export const MEDIA = {
  plain: 'replace-origin replace-session-connection ICE=remove RTP/AVP rtcp-mux-demux',
  browserOffer: 'replace-origin replace-session-connection ICE=force RTP/SAVPF rtcp-mux-offer generate-mid SDES-off',
  browserAnswer: 'replace-origin replace-session-connection ICE=force RTP/SAVPF rtcp-mux-accept SDES-off',
} as const;

/** Headers a counsellor's phone may see from the trunk's requests (Via, From, To, Call-ID, CSeq, Contact, Route,
 *  Record-Route, Max-Forwards, Content-Type and Content-Length are always kept by keep_hf). Everything else —
 *  P-Asserted-Identity, Remote-Party-ID, Privacy, Diversion, History-Info, ... — is removed. P-SR-XUID and P-SR-XBranch
 *  are topos' own (added on receipt, removed before sending): without them topos leaves in-dialog requests as they came. */
export const KEPT_HEADERS =
  '^(Allow|Supported|Require|Session-Expires|Min-SE|Accept|Allow-Events|Content-Disposition|RAck|RSeq|Reason|Event|Subscription-State|P-SR-XUID|P-SR-XBranch)$';
