// A self-signed certificate made with openssl in a temporary folder, for an edge that takes SIP over
// TLS, WSS and JSON-RPC over HTTPS on its TLS port.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface TestCertificate {
  certFile: string;
  keyFile: string;
  /** The edge's `tls` settings: `port` with this certificate. */
  tls(port: number): { port: number; certFile: string; keyFile: string };
  remove(): Promise<void>;
}

/** A 2-day RSA certificate for `commonName` (what a client checking the peer's certificate sees). */
export async function selfSignedCertificate(commonName: string): Promise<TestCertificate> {
  const dir = await mkdtemp(join(tmpdir(), 'doverie-edge-tls-'));
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  const args = ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${commonName}`];
  await promisify(execFile)('openssl', [...args, '-keyout', keyFile, '-out', certFile]);
  return {
    certFile,
    keyFile,
    tls: (port) => ({ port, certFile, keyFile }),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
