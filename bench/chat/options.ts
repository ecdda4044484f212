// The chat benchmark's command-line options (see bench/README.md) and the settings every seeded service gets.
import { flag, num, quick } from '../shared/options.js';

export { MAIN } from '../shared/options.js';
export const diag = flag('--diag');
/** --cpu-prof: the server writes a CPU profile (open it in Chrome's DevTools) when it exits. */
export const cpuProf = flag('--cpu-prof');
export const CHATS = num('--chats', 10_000);
/** Each counsellor takes up to 10 chats (the largest chatCapacity a service may set). */
export const CAPACITY = 10;
export const COUNSELLORS = num('--counsellors', Math.ceil(CHATS / CAPACITY));
export const RATE = num('--rate', 1000);
export const SECONDS = num('--seconds', quick ? 10 : 60);
export const SERVICES = Math.min(230, COUNSELLORS);
export const STARTS_PER_SECOND = 500;
export const CHILD_SOCKETS = 256;
export const BROWSER_SOCKETS = 512;
export const TARGET_P99_MS = 50;
export const TARGET_RSS_MB = 1024;
export const MESSAGES_PER_MINUTE = 120;
/** Chat settings so that the load is not refused: 10 chats each, 120 messages a minute per side, no wrap-up. */
export const CHAT_SETTINGS = {
  chatCapacity: CAPACITY,
  wrapUpSeconds: 0,
  offerTimeoutSeconds: 60,
  declineCooldownSeconds: 0,
  chatMessagesPerMinute: MESSAGES_PER_MINUTE,
  chatNewPerHour: 60,
};
