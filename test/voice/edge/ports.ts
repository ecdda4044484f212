// Free ports on loopback for one test file: a TCP port that is also free for UDP (SIP listens on both),
// and a block of UDP ports for rtpengine's media.
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';

const tcpPort = (host: string) =>
  new Promise<number>((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });

const udpFree = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const sock = createSocket('udp4');
    sock.once('error', () => resolve(false));
    sock.bind(port, host, () => sock.close(() => resolve(true)));
  });

const taken = new Set<number>();

/** A port free for both TCP and UDP on `host`, never handed out twice in this process. */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const p = await tcpPort(host);
    if (!taken.has(p) && (await udpFree(host, p))) {
      taken.add(p);
      return p;
    }
  }
  throw new Error('no free port found');
}

/** `count` consecutive UDP ports, all free now, from a random start in 40000..59000. */
export async function freeUdpRange(count: number, host = '127.0.0.1'): Promise<{ min: number; max: number }> {
  for (let i = 0; i < 50; i++) {
    const min = 40000 + 2 * Math.floor(Math.random() * 9500);
    let ok = true;
    for (let p = min; p < min + count && ok; p++) ok = !taken.has(p) && (await udpFree(host, p));
    if (ok) {
      for (let p = min; p < min + count; p++) taken.add(p);
      return { min, max: min + count - 1 };
    }
  }
  throw new Error('no free UDP port range found');
}
