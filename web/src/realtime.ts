// The one WebSocket for live updates (/api/ws). Reconnects with jittered exponential backoff,
// re-subscribes its topics, reports user activity at most once a minute (keeps an idle session
// alive while someone is working), and reports the session's end (close code 4401). Topics can be
// added and dropped while the socket is open (a page that needs `board:<id>` holds it while shown).
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
  /** The first time the socket opens: what was read before it may have missed an event sent in between. */
  onFirstOpen?: () => void;
  onSessionEnded: () => void;
}

const SESSION_ENDED = 4401;
const ACTIVITY_INTERVAL_MS = 60_000;
const PING_INTERVAL_MS = 25_000;
const MAX_BACKOFF_MS = 30_000;
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

export interface RealtimeConnection {
  subscribe: (topic: string) => void;
  unsubscribe: (topic: string) => void;
  /** Closes the connection for good. */
  close: () => void;
}

/** Opens the connection with the given topics. */
export function connectRealtime(options: RealtimeOptions): RealtimeConnection {
  const topics = new Set(options.topics);
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
      for (const topic of topics) send({ type: 'subscribe', topic });
      if (everOpened) options.onReconnect();
      else options.onFirstOpen?.();
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
      // A topic's events flow from now on: a page that read its data before this may have missed some.
      else if (parsed.type === 'subscribed') options.onEvent({ topic: parsed.topic, name: 'realtime.subscribed', data: {} });
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

  return {
    subscribe(topic) {
      if (topics.has(topic)) return;
      topics.add(topic);
      send({ type: 'subscribe', topic });
    },
    unsubscribe(topic) {
      if (!topics.delete(topic)) return;
      send({ type: 'unsubscribe', topic });
    },
    close() {
      stopped = true;
      clearTimeout(retryTimer);
      clearInterval(pingTimer);
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity);
      socket?.close(1000, 'bye');
    },
  };
}
