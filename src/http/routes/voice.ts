// The staff side of the phone line: whether telephony is configured, credentials for one's own phone,
// a call's facts (wait, ring, talk), ending a stuck call (supervisors), and the numbers the operator's
// trunk dials for a service (set by the deployment admin).
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { enforce, policy } from '../../domain/auth/policy.js';
import { idInput } from '../../domain/ids.js';
import type { VoiceNumbers } from '../../domain/voice/voiceNumbers.js';
import type { VoiceService } from '../../domain/voice/voiceService.js';
import { KamailioRpcError } from '../../voice/edge/kamailioRpc.js';
import { withErrors } from '../errorBody.js';
import { actorOf } from '../sessionHooks.js';
import type { App } from '../types.js';

const tags = ['voice'];
const iso = z.iso.datetime({ offset: true });
const serviceParams = z.object({ serviceId: idInput() }).strict();
const callParams = z.object({ callId: idInput() }).strict();
const numbersSchema = z.object({ numbers: z.array(z.string()) });
/** What an admin sends: the numbers as the trunk dials them (digits only). */
export const numbersBody = z
  .object({
    numbers: z
      .array(
        z
          .string()
          .trim()
          .regex(/^[0-9]{2,15}$/, 'digits only, 2 to 15'),
      )
      .max(50),
  })
  .strict();
const ms = (from: Date | null, to: Date | null) => (from && to ? Math.max(0, to.getTime() - from.getTime()) : null);

export interface VoiceStatus {
  configured: boolean;
  /** Why telephony is off, for the UI (a fixed code, shown in Russian or English by the SPA). */
  reason: 'not_configured' | 'starting' | 'no_binaries' | 'edge_failed' | null;
}

export function voiceRoutes(
  app: App,
  voice: VoiceService | null,
  numbers: VoiceNumbers,
  status: () => VoiceStatus,
  clock: () => Date,
): void {
  const need = () => {
    if (!voice) throw new AppError('voice.disabled');
    return voice;
  };

  app.get(
    '/api/voice/status',
    { schema: { tags, response: withErrors({ 200: z.object({ configured: z.boolean(), reason: z.string().nullable() }) }) } },
    async () => status(),
  );

  app.post(
    '/api/voice/credentials',
    {
      schema: {
        tags,
        response: withErrors({
          200: z.object({
            wsUrl: z.string(),
            realm: z.string(),
            uri: z.string(),
            sipUser: z.string(),
            username: z.string(),
            password: z.string(),
            expiresAt: iso,
            expiresInSeconds: z.number(),
          }),
        }),
      },
    },
    async (request) => need().credentials(actorOf(request)),
  );

  app.get(
    '/api/voice/calls/:callId',
    {
      schema: {
        tags,
        params: callParams,
        response: withErrors({
          200: z.object({
            contactId: z.uuid(),
            arrivedAt: iso,
            waitMs: z.number().nullable(),
            ringMs: z.number().nullable(),
            talkMs: z.number().nullable(),
            outcome: z.string().nullable(),
            abandonedStage: z.string().nullable(),
            endedBy: z.string().nullable(),
            greetingDone: z.boolean(),
          }),
        }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const call = await need().callOf(request.params.callId);
      if (!call) throw new AppError('voice.call_not_found');
      if (call.staff_id !== actor.userId) enforce(policy.superviseService(actor, call.service_id), 'voice.call_not_found');
      return {
        contactId: call.contact_id,
        arrivedAt: call.arrived_at.toISOString(),
        waitMs: ms(call.arrived_at, call.answered_at ?? call.ended_at),
        ringMs: ms(call.ringing_at, call.answered_at ?? (call.outcome === 'abandoned' ? call.ended_at : null)),
        talkMs: ms(call.answered_at, call.ended_at),
        outcome: call.outcome,
        abandonedStage: call.abandoned_stage,
        endedBy: call.ended_by,
        greetingDone: call.greeting_done,
      };
    },
  );

  app.post(
    '/api/voice/calls/:callId/end',
    { schema: { tags, params: callParams, response: withErrors({ 200: z.object({ ended: z.boolean() }) }) } },
    async (request) => {
      try {
        return await need().endCall(actorOf(request), request.params.callId);
      } catch (err) {
        // The edge did not answer (Kamailio down or restarting): nothing was changed, the supervisor may try again.
        if (err instanceof KamailioRpcError) throw new AppError('voice.edge_unavailable');
        throw err;
      }
    },
  );

  app.get(
    '/api/services/:serviceId/voice-numbers',
    { schema: { tags, params: serviceParams, response: withErrors({ 200: numbersSchema }) } },
    async (request) => {
      enforce(policy.editService(actorOf(request), request.params.serviceId), 'service.not_found');
      return { numbers: await numbers.numbersOf(request.params.serviceId) };
    },
  );

  app.put(
    '/api/services/:serviceId/voice-numbers',
    {
      schema: {
        tags,
        params: serviceParams,
        body: numbersBody,
        response: withErrors({ 200: numbersSchema }),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      enforce(policy.setVoiceNumbers(actor, request.params.serviceId), 'service.not_found');
      return { numbers: await numbers.setNumbers(request.params.serviceId, request.body.numbers, clock()) };
    },
  );
}
