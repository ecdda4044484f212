// Topology hiding's storage: a private, memory-only Redis on a unix socket in the run folder. topos
// keeps each call's original headers (the caller's number among them) until the call is over; Kamailio's
// processes share them, so the store must take concurrent writers (sqlite refused them under load:
// "database is locked", and topos then let messages through unhidden). Nothing is written to disk, and
// every key expires with the dialog (topos sets the expiry).
import { connect } from 'node:net';
import { join } from 'node:path';

export const toposSocket = (runDir: string) => join(runDir, 'topos-redis.sock');

/** redis-server's arguments: no TCP port, the socket only for this user, no persistence at all. */
export function redisArgs(runDir: string): string[] {
  return [
    '--port',
    '0',
    '--unixsocket',
    toposSocket(runDir),
    '--unixsocketperm',
    '700',
    '--save',
    '',
    '--appendonly',
    'no',
    '--dir',
    runDir,
    '--daemonize',
    'no',
    '--loglevel',
    'warning',
  ];
}

/** Whether the store answers PING on its socket. */
export function redisPing(runDir: string, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect(toposSocket(runDir));
    const done = (ok: boolean) => {
      sock.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    sock.once('error', () => {
      clearTimeout(timer);
      done(false);
    });
    sock.once('connect', () => sock.write('PING\r\n'));
    sock.once('data', (d) => {
      clearTimeout(timer);
      done(d.toString().startsWith('+PONG'));
    });
  });
}
