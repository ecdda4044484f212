// Helpers for the phone line's tests: the voice settings, and the edge's two requests as Kamailio
// sends them (route requests and events, with the bearer token).
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { VoiceConfig } from '../../src/voice/voiceConfig.js';
import { sipUserOf } from '../../src/domain/voice/sipUsers.js';
import type { TestApp } from '../helpers/testApp.js';

export const VOICE_TOKEN = 'voice-edge-token-for-tests-0123456789abcdef';
export const GREETING = 'sip:greeting@127.0.0.1:5090';
export const HOLD = 'sip:hold@127.0.0.1:5090';

export function voiceConfig(overrides: Partial<VoiceConfig> = {}): VoiceConfig {
  return {
    token: VOICE_TOKEN,
    edge: 'external',
    sipAddress: '127.0.0.1',
    sipPort: 5060,
    wsPort: 5066,
    realm: '127.0.0.1',
    wsUrl: 'ws://127.0.0.1:5066',
    trunkAddresses: ['127.0.0.1'],
    rtpPorts: { min: 30000, max: 30999 },
    ngPort: 2223,
    runDir: '/nonexistent',
    edgeUrl: undefined,
    greetingUri: GREETING,
    holdUri: HOLD,
    greetingSeconds: 10,
    holdSeconds: 5,
    ...overrides,
  };
}

export interface RouteBody {
  callId: string;
  caller?: string;
  to: string;
  attempt?: number;
  lastTarget?: string;
  lastCode?: number;
}

export async function route(t: TestApp, body: RouteBody): Promise<Record<string, unknown>> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/voice/route',
    headers: { authorization: `Bearer ${VOICE_TOKEN}` },
    payload: { caller: '', attempt: 1, lastTarget: '', lastCode: 0, ...body },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Record<string, unknown>;
}

let seq = 0;
/** One edge event; its id is unique unless given. Returns whether it was a duplicate. */
export async function event(t: TestApp, body: Record<string, unknown> & { event: string }): Promise<boolean> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/voice/events',
    headers: { authorization: `Bearer ${VOICE_TOKEN}` },
    payload: { id: `test-${++seq}-${randomUUID()}`, ts: t.clock.now().getTime(), ...body },
  });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { duplicate: boolean }).duplicate;
}

/** The counsellor's phone registers (or goes: contacts 0). */
export const registered = (t: TestApp, staffId: string, contacts = 1) =>
  event(t, {
    id: `reg:${sipUserOf(staffId)}:${t.clock.now().getTime()}:${++seq}`,
    event: 'registered',
    user: sipUserOf(staffId),
    contacts,
  });

/** A service with a phone number of its own, set by the deployment admin as in production. */
export async function serviceWithNumber(t: TestApp): Promise<{ id: string; number: string }> {
  const s = await t.service();
  const number = `7800${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  const admin = await t.as([{ role: 'admin' }]);
  const res = await t.request(admin, 'PUT', `/api/services/${s.id}/voice-numbers`, { numbers: [number] });
  expect(res.statusCode, res.body).toBe(200);
  return { id: s.id, number };
}
