// In-process fan-out of committed events to subscribed WebSocket connections. The hub knows
// topics and connections, nothing of the domain; who may subscribe is decided by the policy
// before `subscribe` is called. Across several processes this is fed by Postgres NOTIFY (later).
import type { RealtimeEvent } from '../db/unitOfWork.js';

export interface HubConnection {
  readonly userId: string;
  send(message: OutgoingMessage): void;
}

export type OutgoingMessage =
  | { type: 'event'; topic: string; name: string; data: Record<string, unknown> }
  | { type: 'subscribed'; topic: string }
  | { type: 'unsubscribed'; topic: string }
  | { type: 'error'; code: string; message: string; topic?: string }
  | { type: 'pong' };

type Listener = (event: RealtimeEvent) => void;

export class Hub {
  private readonly byTopic = new Map<string, Set<HubConnection>>();
  private readonly topicsOfConn = new Map<HubConnection, Set<string>>();
  private readonly listeners = new Set<Listener>();

  subscribe(conn: HubConnection, topic: string): void {
    let conns = this.byTopic.get(topic);
    if (!conns) this.byTopic.set(topic, (conns = new Set()));
    conns.add(conn);
    let topics = this.topicsOfConn.get(conn);
    if (!topics) this.topicsOfConn.set(conn, (topics = new Set()));
    topics.add(topic);
  }

  unsubscribe(conn: HubConnection, topic: string): void {
    this.byTopic.get(topic)?.delete(conn);
    if (this.byTopic.get(topic)?.size === 0) this.byTopic.delete(topic);
    this.topicsOfConn.get(conn)?.delete(topic);
  }

  remove(conn: HubConnection): void {
    for (const topic of this.topicsOfConn.get(conn) ?? []) this.unsubscribe(conn, topic);
    this.topicsOfConn.delete(conn);
  }

  topicsOf(conn: HubConnection): string[] {
    return [...(this.topicsOfConn.get(conn) ?? [])];
  }

  connectionsOf(userId: string): HubConnection[] {
    return [...this.topicsOfConn.keys()].filter((c) => c.userId === userId);
  }

  /** Called by the unit of work after commit. */
  publish = (events: readonly RealtimeEvent[]): void => {
    for (const event of events) {
      for (const conn of this.byTopic.get(event.topic) ?? []) {
        conn.send({ type: 'event', topic: event.topic, name: event.name, data: event.data });
      }
      for (const listener of this.listeners) listener(event);
    }
  };

  /** Server-side reactions to events (e.g. closing a revoked user's sockets). */
  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): { connections: number; topics: number } {
    return { connections: this.topicsOfConn.size, topics: this.byTopic.size };
  }
}
