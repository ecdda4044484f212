// The phone-line benchmark's command-line options (see bench/README.md), its fixed addresses and ports
// inside the namespace, and the settings of the one service it calls.
import { arg, flag, num, quick } from '../shared/options.js';

export { MAIN } from '../shared/options.js';
/** New calls per second from the trunk during the load. */
export const RATE = num('--rate', 20);
/** How long the trunk starts calls at RATE. */
export const SECONDS = num('--seconds', quick ? 10 : 60);
/** Counsellors with a registered desk phone, on duty. */
export const COUNSELLORS = num('--counsellors', 100);
/** How long each counsellor's phone rings before it answers, and how long the caller talks before hanging up. */
export const RING_MS = num('--ring-ms', 500);
export const TALK_MS = num('--talk-ms', 1000);
/** The light-load reference before the load: this many calls, one a second. */
export const BASELINE_CALLS = num('--baseline-calls', quick ? 10 : 30);
/** --cpu-prof: the server writes a CPU profile (open it in Chrome's DevTools) when it exits. */
export const CPU_PROF = flag('--cpu-prof');
/** --keep: keep the capture and SIPp's logs (their folder is printed) instead of deleting them. */
export const KEEP = flag('--keep');
/** --sip-trace: SIPp logs every message it sends and receives (with --keep, to read them afterwards). */
export const SIP_TRACE = flag('--sip-trace');
/**
 * --run-dir DIR: where the edge's run folder (rendered cfg, the sockets of Kamailio and of topos' Redis)
 * is made, as DOVERIE_SIP_RUN_DIR would put it; default the benchmark's temporary folder.
 */
export const RUN_DIR_PARENT = arg('--run-dir');
export const TARGET_P99_MS = 10;

/** Inside the namespace: Kamailio and rtpengine on its veth address; the trunk and the queue endpoint there too. */
export const SIP_PORT = 5060;
export const WS_PORT = 5066;
export const NG_PORT = 2223;
export const RTP_PORTS = { min: 30000, max: 30999 };
export const TRUNK_PORT = 5080;
export const QUEUE_PORT = 5090;
/**
 * The counsellors' phones on a loopback address of the namespace: not a trunk address, and not a private
 * one, so Kamailio stores their Contact as registered (a REGISTER from a private address would be "NATed"
 * and its source port, the registering SIPp's, would be rung instead of the phones').
 */
export const PHONES_ADDRESS = '127.0.0.3';
export const PHONES_PORT = 5070;
export const REGISTER_PORT = 5072;

/** Steady calls: no wrap-up, offers that outlive any ring, no cooldown after a declined offer. */
export const SERVICE_SETTINGS = { wrapUpSeconds: 0, offerTimeoutSeconds: 20, declineCooldownSeconds: 0, chatCapacity: 1 };
