// Desk phones' long-lived SIP credentials: staff see, issue (or regenerate) and revoke them
// (/api/voice/desk-phones/:staffId — the counsellor their own, supervisors and heads their service's),
// and the SIP edge asks for the HA1 a desk phone's REGISTER is checked against (bearer token).
// Without telephony configured every route answers 404 voice.disabled.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { idInput } from '../../domain/ids.js';
import type { DeskPhones } from '../../domain/voice/deskPhones.js';
import { requireBearer } from '../bearer.js';
import { withErrors } from '../errorBody.js';
import { actorOf } from '../sessionHooks.js';
import type { VoiceConfig } from '../../voice/voiceConfig.js';
import type { App } from '../types.js';

const tags = ['voice'];
const staffParams = z.object({ staffId: idInput() }).strict();
const status = z.object({
  issued: z.boolean(),
  issuedAt: z.iso.datetime({ offset: true }).nullable(),
  server: z.string(),
  realm: z.string(),
  username: z.string(),
});

/** Where a desk phone sends its REGISTERs: the edge's SIP address and port (UDP or TCP). */
export const sipServerOf = (v: VoiceConfig): string => `${v.sipAddress.includes(':') ? `[${v.sipAddress}]` : v.sipAddress}:${v.sipPort}`;

/** What the edge sends: the digest username of a REGISTER that has no ':' in it. */
export const deskAuthBody = z.object({ user: z.string().min(1).max(64) }).strict();

export function voiceDeskPhoneRoutes(app: App, desk: DeskPhones | null, token: string | undefined): void {
  const need = () => {
    if (!desk) throw new AppError('voice.disabled');
    return desk;
  };

  app.get(
    '/api/voice/desk-phones/:staffId',
    { schema: { tags, params: staffParams, response: withErrors({ 200: status }) } },
    async (request) => need().status(actorOf(request), request.params.staffId),
  );

  app.post(
    '/api/voice/desk-phones/:staffId',
    { schema: { tags, params: staffParams, response: withErrors({ 200: status.extend({ password: z.string() }) }) } },
    async (request) => need().issue(actorOf(request), request.params.staffId),
  );

  app.delete(
    '/api/voice/desk-phones/:staffId',
    { schema: { tags, params: staffParams, response: withErrors({ 200: z.object({ revoked: z.boolean() }) }) } },
    async (request) => need().revoke(actorOf(request), request.params.staffId),
  );

  // The token is checked before the body is parsed: without it a caller learns nothing.
  const onRequest = async (request: FastifyRequest) => {
    if (!desk || !token) throw new AppError('voice.disabled');
    requireBearer(token, request);
  };
  app.post(
    '/api/voice/desk-auth',
    {
      config: { access: 'public' as const },
      onRequest,
      schema: { tags: ['voice-edge'], body: deskAuthBody, response: withErrors({ 200: z.object({ ha1: z.string().nullable() }) }) },
    },
    // Unknown, revoked or disabled: null, and the edge refuses the REGISTER (403).
    async (request) => ({ ha1: await need().ha1Of(request.body.user) }),
  );
}
