// Realtime events for pages: the one socket of a signed-in tab (useLiveUpdates) is shared through
// this context. A page listens to the events it cares about and holds the extra topics it needs
// (a live board's `board:<id>`) while it is shown; held topics survive reconnects.
import { createContext, useContext, useEffect, useRef } from 'react';
import type { RealtimeConnection, RealtimeEvent } from '../realtime';

type Listener = (event: RealtimeEvent) => void;

export class LiveEvents {
  private readonly listeners = new Set<Listener>();
  private readonly held = new Map<string, number>();
  private connection: RealtimeConnection | null = null;

  heldTopics(): string[] {
    return [...this.held.keys()];
  }

  attach(connection: RealtimeConnection | null): void {
    this.connection = connection;
  }

  emit(event: RealtimeEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Subscribes to `topic` until the returned function is called (counted: several holders share one subscription). */
  hold(topic: string): () => void {
    const count = this.held.get(topic) ?? 0;
    this.held.set(topic, count + 1);
    if (count === 0) this.connection?.subscribe(topic);
    return () => {
      const left = (this.held.get(topic) ?? 1) - 1;
      if (left > 0) {
        this.held.set(topic, left);
        return;
      }
      this.held.delete(topic);
      this.connection?.unsubscribe(topic);
    };
  }
}

export const LiveEventsContext = createContext<LiveEvents | null>(null);

function useLiveEvents(): LiveEvents {
  const live = useContext(LiveEventsContext);
  if (!live) throw new Error('live events outside a signed-in route');
  return live;
}

/** Calls `handler` (its latest version) for every realtime event while the component is mounted. */
export function useLiveEvent(handler: Listener): void {
  const live = useLiveEvents();
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => live.listen((event) => latest.current(event)), [live]);
}

/** Keeps the socket subscribed to `topic` while the component is mounted (null: none). */
export function useLiveTopic(topic: string | null): void {
  const live = useLiveEvents();
  useEffect(() => (topic ? live.hold(topic) : undefined), [live, topic]);
}
