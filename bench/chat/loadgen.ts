// The chat benchmark's load generator, forked by bench/chat.ts into its own process: counsellors
// connect and go on duty, children start their chats (ramped) and wait until every chat is accepted,
// then the children send messages at a fixed total rate; each message is timed from the child's send
// to its `chat.message` on the holder's socket, and counted: acknowledged, relayed, lost, duplicated.
import http from 'node:http';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { percentile, sleep } from '../routing/stats.js';
import { pooled } from './http.js';
import { Participants, type ChildChat } from './participants.js';
import type { ChatLoadConfig, ChatLoadResult, FromChatGenerator, Latency, ToChatGenerator } from './protocol.js';

const send = (m: FromChatGenerator) => process.send!(m);
const log = (line: string) => send({ type: 'log', line });

const latency = (xs: number[]): Latency => ({
  p50: percentile(xs, 50),
  p90: percentile(xs, 90),
  p99: percentile(xs, 99),
  max: percentile(xs, 100),
});

/** Waits while `pending()` holds and something still happens (`lastProgress`) within `stallMs`. */
async function waitWhile(p: Participants, pending: () => boolean, stallMs: number): Promise<boolean> {
  while (pending()) {
    if (performance.now() - p.t.lastProgress > stallMs) return false;
    await sleep(20);
  }
  return true;
}

async function run(cfg: ChatLoadConfig): Promise<ChatLoadResult> {
  const base = new URL(cfg.url);
  const browsers = new http.Agent({ keepAlive: true, maxSockets: cfg.browserSockets });
  const childAgent = new http.Agent({ keepAlive: true, maxSockets: cfg.childSockets });
  const p = new Participants(base, browsers, childAgent);
  const t = p.t;
  const stallMs = cfg.stallSeconds * 1000;

  // 1. Counsellors: a socket each (their user topic), then everyone on duty.
  let t0 = performance.now();
  await pooled(cfg.counsellors, 100, (c) => p.connectCounsellor(c));
  const staffConnectSeconds = (performance.now() - t0) / 1000;
  log(`${p.staffSockets.length} staff WebSockets open in ${staffConnectSeconds.toFixed(1)} s`);
  t0 = performance.now();
  let onDuty = 0;
  await pooled(cfg.counsellors, 32, async (c) => {
    await p.goOnDuty(c);
    onDuty++;
  });
  const presenceSeconds = (performance.now() - t0) / 1000;
  log(`${onDuty} counsellors on duty in ${presenceSeconds.toFixed(1)} s`);

  // 2. Children start their chats at `startsPerSecond` (a chat's service is a counsellor's, round-robin,
  // so each service gets chats in proportion to its counsellors' capacity), then wait until all are accepted.
  t0 = performance.now();
  let started = 0;
  let inFlight = 0;
  const starts: Promise<void>[] = [];
  while (started < cfg.chats) {
    const due = Math.min(cfg.chats, Math.floor(((performance.now() - t0) / 1000) * cfg.startsPerSecond) + 1);
    while (started < due && inFlight < cfg.childSockets) {
      const serviceId = cfg.counsellors[started % cfg.counsellors.length]!.serviceId;
      started++;
      inFlight++;
      starts.push(p.startChild(serviceId).finally(() => inFlight--));
    }
    await sleep(2);
  }
  await Promise.all(starts);
  const chatsStarted = t.chats.size;
  log(`${chatsStarted} chats started in ${((performance.now() - t0) / 1000).toFixed(1)} s; waiting until every chat is accepted`);
  t.lastProgress = performance.now();
  let lastLog = performance.now();
  const allAccepted = await waitWhile(
    p,
    () => {
      if (performance.now() - lastLog > 5000) {
        lastLog = performance.now();
        log(`  … ${t.accepted}/${chatsStarted} accepted (${t.offersReceived} offers, ${t.acceptsOk} accepts)`);
      }
      return t.accepted < chatsStarted;
    },
    stallMs,
  );
  const rampSeconds = (performance.now() - t0) / 1000;
  log(
    `${t.accepted}/${chatsStarted} chats accepted ${allAccepted ? '' : '(gave up waiting) '}${rampSeconds.toFixed(1)} s after the first start`,
  );
  const open = [...t.chats.values()].filter(
    (c): c is ChildChat & { ws: NonNullable<ChildChat['ws']> } => c.accepted && c.ws?.readyState === 1,
  );
  if (open.length === 0) throw new Error('no accepted chat with an open child socket: nothing to measure');
  await sleep(1000);

  // 3. The load: `messagesPerSecond` in total, round-robin over the open chats, each with its own client id.
  const total = Math.round(cfg.messagesPerSecond * cfg.seconds);
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  send({ type: 'phase', phase: 'load-start' });
  const loadStart = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - loadStart) / 1000) * cfg.messagesPerSecond) + 1);
    while (sent < due) {
      p.send(open[sent % open.length]!, `bench-${sent.toString(36).padStart(6, '0')}`);
      sent++;
    }
    await sleep(1);
  }
  const loadSeconds = (performance.now() - loadStart) / 1000;
  log(`${sent} messages sent in ${loadSeconds.toFixed(1)} s`);

  // 4. Drain: every message answered (ack or error) and every acknowledged one relayed, or nothing moves for stallSeconds.
  t.lastProgress = performance.now();
  await waitWhile(p, () => t.acked + t.refused < sent || t.relayed < t.acked, stallMs);
  send({ type: 'phase', phase: 'load-end' });
  loop.disable();

  const relays: number[] = [];
  const acks: number[] = [];
  const bySecond: number[][] = [];
  const ackedClientIds: string[] = [];
  let lost = 0;
  for (const [clientId, m] of t.messages) {
    if (m.ackAt !== null) {
      acks.push(m.ackAt - m.sentAt);
      ackedClientIds.push(clientId);
      if (m.relayAt === null) lost++;
    }
    if (m.relayAt === null) continue;
    relays.push(m.relayAt - m.sentAt);
    (bySecond[Math.floor((m.sentAt - loadStart) / 1000)] ??= []).push(m.relayAt - m.sentAt);
  }
  p.closeAll();
  browsers.destroy();
  childAgent.destroy();
  const ms = (ns: number) => ns / 1e6;
  return {
    staffConnected: p.staffSockets.length,
    staffConnectSeconds,
    onDuty,
    presenceSeconds,
    chatsStarted,
    startErrors: t.startErrors,
    childSockets: [...t.chats.values()].filter((c) => c.ws !== null).length,
    accepted: t.accepted,
    rampSeconds,
    offersReceived: t.offersReceived,
    acceptsOk: t.acceptsOk,
    acceptErrors: t.acceptErrors,
    sent,
    acked: t.acked,
    messageErrors: t.messageErrors,
    relayed: t.relayed,
    lost,
    duplicates: t.duplicates,
    misrouted: t.misrouted + t.strangers,
    ackedClientIds,
    loadSeconds,
    relayLatency: latency(relays),
    ackLatency: latency(acks),
    acceptLatency: { p50: percentile(t.acceptLatencies, 50), p99: percentile(t.acceptLatencies, 99) },
    p99BySecond: Array.from(bySecond, (xs) => (xs ? percentile(xs, 99) : NaN)),
    clientLoopDelay: { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) },
    socketsClosed: t.closed,
  };
}

process.on('message', (m: ToChatGenerator) => {
  if (m.type !== 'start') return;
  run(m.config).then(
    (result) => send({ type: 'result', result }),
    (err: unknown) => send({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});
