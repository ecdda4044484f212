// The one WebSocket for live updates (/api/ws). Reconnects with jittered exponential backoff,
// re-subscribes its topics, reports user activity at most once a minute (keeps an idle session
// alive while someone is working), and reports the session's end (close code 4401).
export interface RealtimeEvent {
  topic: string;
  name: string;
  data: Record<string, unknown>;
}

type ServerMessage =
  | ({ type: 'event' } & RealtimeEvent)
  | { type: 'subscribed' | 'unsubscribed'; topic: string }
  | { type: 'error'; code: string; message: string; topic?: string }
  | { type: 'pong' };

export interface RealtimeOptions {
  topics: readonly string[];
  onEvent: (event: RealtimeEvent) => void;
  /** Called after a reconnect: events may have been missed while the socket was down. */
  onReconnect: () => void;
  onSessionEnded: () => void;
}

const SESSION_ENDED = 4401;
const ACTIVITY_INTERVAL_MS = 60_000;
const PING_INTERVAL_MS = 25_000;
const MAX_BACKOFF_MS = 30_000;
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/** Opens the connection; the returned function closes it for good. */
export function connectRealtime(options: RealtimeOptions): () => void {
  let socket: WebSocket | null = null;
  let stopped = false;
  let attempt = 0;
  let everOpened = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let lastActivitySent = 0;
  const url = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/api/ws`;

  const send = (message: object) => {
    if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  };

  const open = () => {
    socket = new WebSocket(url);
    socket.onopen = () => {
      attempt = 0;
      for (const topic of options.topics) send({ type: 'subscribe', topic });
      if (everOpened) options.onReconnect();
      everOpened = true;
    };
    socket.onmessage = (message: MessageEvent<string>) => {
      let parsed: ServerMessage;
      try {
        parsed = JSON.parse(message.data) as ServerMessage;
      } catch {
        return;
      }
      if (parsed.type === 'event') options.onEvent({ topic: parsed.topic, name: parsed.name, data: parsed.data });
    };
    socket.onclose = (event) => {
      socket = null;
      if (stopped) return;
      if (event.code === SESSION_ENDED) {
        stopped = true;
        options.onSessionEnded();
        return;
      }
      const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempt) * (0.5 + Math.random() / 2);
      attempt += 1;
      retryTimer = setTimeout(open, delay);
    };
  };

  const onActivity = () => {
    const now = Date.now();
    if (now - lastActivitySent < ACTIVITY_INTERVAL_MS) return;
    lastActivitySent = now;
    send({ type: 'activity' });
  };
  const pingTimer = setInterval(() => send({ type: 'ping' }), PING_INTERVAL_MS);
  for (const name of ACTIVITY_EVENTS) window.addEventListener(name, onActivity, { passive: true });

  open();

  return () => {
    stopped = true;
    clearTimeout(retryTimer);
    clearInterval(pingTimer);
    for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity);
    socket?.close(1000, 'bye');
  };
}
