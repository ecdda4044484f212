// The SIP edge's routes: Kamailio asks where a call goes and reports call and registration events.
// Bearer token from the configuration; without telephony configured they answer 404 voice.disabled.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { EDGE_EVENTS } from '../../domain/voice/callEvents.js';
import type { VoiceService } from '../../domain/voice/voiceService.js';
import { requireBearer } from '../bearer.js';
import { withErrors } from '../errorBody.js';
import type { App } from '../types.js';

const tags = ['voice-edge'];
const text = (max: number) => z.string().max(max);
const count = z.coerce.number().int().min(0).max(1_000_000);

export const routeBody = z
  .object({
    callId: text(255).min(1),
    caller: text(100).regex(/^[\w-]*$/, 'a base64url caller key or empty'),
    to: text(64),
    attempt: z.coerce.number().int().min(1).max(1000),
    lastTarget: text(255).default(''),
    lastCode: z.coerce.number().int().min(0).max(699).default(0),
  })
  .strict();

const routeAnswer = z.discriminatedUnion('action', [
  z.object({ action: z.literal('route'), target: z.string(), timeout: z.number() }),
  z.object({ action: z.literal('queue'), target: z.string(), timeout: z.number() }),
  z.object({ action: z.literal('reject'), code: z.number(), reason: z.string() }),
]);

// The edge sends what it has: empty strings and zeros for what it does not know.
export const eventBody = z
  .object({
    id: text(400).min(1),
    event: z.enum(EDGE_EVENTS),
    // Unix milliseconds, up to the year 2100.
    ts: z.coerce.number().int().min(0).max(4_102_444_800_000),
    callId: text(255).optional(),
    caller: text(100).optional(),
    to: text(64).optional(),
    target: text(255).optional(),
    attempt: count.optional(),
    code: count.optional(),
    by: z.enum(['caller', 'counsellor', 'system']).optional(),
    talkSeconds: count.optional(),
    user: text(255).optional(),
    contacts: count.optional(),
  })
  .strict();

export function voiceEdgeRoutes(app: App, voice: VoiceService | null, token: string | undefined): void {
  const config = { access: 'public' as const };
  // The token is checked before the body is parsed: without it a caller learns nothing.
  const onRequest = async (request: FastifyRequest) => {
    if (!voice || !token) throw new AppError('voice.disabled');
    requireBearer(token, request);
  };

  app.post(
    '/api/voice/route',
    { config, onRequest, schema: { tags, body: routeBody, response: withErrors({ 200: routeAnswer }) } },
    async (request) => voice!.route(request.body),
  );

  app.post(
    '/api/voice/events',
    {
      config,
      onRequest,
      schema: { tags, body: eventBody, response: withErrors({ 200: z.object({ ok: z.literal(true), duplicate: z.boolean() }) }) },
    },
    async (request) => {
      const b = request.body;
      const taken = await voice!.event({ ...b, callId: b.callId || undefined });
      return { ok: true as const, duplicate: !taken };
    },
  );
}
