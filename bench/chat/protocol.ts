// Messages between the chat benchmark (bench/chat.ts) and its load generator (bench/chat/loadgen.ts),
// which runs in its own process so that the clients' work does not share the server's event loop.
import type { Counsellor } from '../routing/seed.js';
import type { FromLoadGenerator } from '../shared/loadGenerator.js';

export interface ChatLoadConfig {
  url: string;
  counsellors: Counsellor[];
  chats: number;
  /** Chats started per second during the ramp (POST /api/chat/chats, then the child's socket). */
  startsPerSecond: number;
  /** Child messages per second in total, spread round-robin over the chats. */
  messagesPerSecond: number;
  seconds: number;
  /** Give up waiting (for acceptances, or for relays after the load) after this long without progress. */
  stallSeconds: number;
  /** Keep-alive connections for the children's HTTP starts and for the counsellors' browsers (presence, accepts). */
  childSockets: number;
  browserSockets: number;
}

export interface Latency {
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface ChatLoadResult {
  staffConnected: number;
  staffConnectSeconds: number;
  onDuty: number;
  presenceSeconds: number;
  chatsStarted: number;
  startErrors: Record<string, number>;
  childSockets: number;
  /** Chats whose child heard `accepted` (or a welcome in state active). */
  accepted: number;
  rampSeconds: number;
  offersReceived: number;
  acceptsOk: number;
  acceptErrors: Record<string, number>;
  /** Child messages sent during the load, acknowledged (`ack`), refused (`error` frames by code). */
  sent: number;
  acked: number;
  messageErrors: Record<string, number>;
  /** Distinct messages that reached the holder's staff socket as `chat.message`. */
  relayed: number;
  /** Sent and acknowledged but never relayed; relayed more than once; relayed to a counsellor who does not hold the chat. */
  lost: number;
  duplicates: number;
  misrouted: number;
  /** Acknowledged client ids (the benchmark checks them against the database). */
  ackedClientIds: string[];
  loadSeconds: number;
  relayLatency: Latency;
  ackLatency: Latency;
  acceptLatency: { p50: number; p99: number };
  /** p99 of child → counsellor relay for each second of the load (by send time). */
  p99BySecond: number[];
  clientLoopDelay: { p50: number; p99: number; max: number };
  socketsClosed: { child: number; staff: number };
}

export type ChatPhase = 'load-start' | 'load-end';
export type ToChatGenerator = { type: 'start'; config: ChatLoadConfig };
export type FromChatGenerator = FromLoadGenerator<ChatPhase, ChatLoadResult>;
