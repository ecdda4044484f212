// Short-lived SIP credentials for a counsellor's phone, in the form Kamailio's auth_ephemeral module
// checks with the same shared secret (username "<unix expiry>:<sip user>", password
// base64(HMAC-SHA1(secret, username))): nothing to store, nothing that outlives its expiry.
import { createHmac } from 'node:crypto';
import { sipUserOf } from './sipUsers.js';

export interface SipCredentials {
  sipUser: string;
  username: string;
  password: string;
  expiresAt: string;
  /** The lifetime from now, so a browser whose clock is off still renews in time. */
  expiresInSeconds: number;
}

export function issueCredentials(secret: string, staffId: string, now: Date, ttlSeconds: number): SipCredentials {
  const sipUser = sipUserOf(staffId);
  const expiry = Math.floor(now.getTime() / 1000) + ttlSeconds;
  const username = `${expiry}:${sipUser}`;
  const password = createHmac('sha1', secret).update(username).digest('base64');
  return { sipUser, username, password, expiresAt: new Date(expiry * 1000).toISOString(), expiresInSeconds: ttlSeconds };
}
