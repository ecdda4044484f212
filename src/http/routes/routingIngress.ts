// Channel ingress: adapters (the SIP edge, chat, messenger bots) hand contacts to the routing engine.
// Authenticated by a bearer token from the configuration, not by a staff session; off without one.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { idInput } from '../../domain/ids.js';
import { callerEvent, receiveContact, type IngressDeps } from '../../domain/routing/live/ingress.js';
import { contactViewSchema } from '../../domain/routing/live/viewSchemas.js';
import { CHANNELS, CONTACT_STATES, RISKS } from '../../domain/routing/types.js';
import { requireBearer } from '../bearer.js';
import { withErrors } from '../errorBody.js';
import type { App } from '../types.js';

function requireToken(token: string | undefined, request: FastifyRequest): void {
  if (!token) throw new AppError('routing.ingress_disabled');
  requireBearer(token, request);
}

const tags = ['routing-ingress'];
const contactParams = z.object({ contactId: idInput() }).strict();
const stateReply = withErrors({ 200: z.object({ state: z.union([z.enum(CONTACT_STATES), z.literal('unknown')]) }) });

export function routingIngressRoutes(app: App, deps: IngressDeps & { token: string | undefined }): void {
  // The token is checked first, before the body is parsed or validated: without it a caller learns nothing.
  const config = { access: 'public' as const };
  const onRequest = async (request: FastifyRequest) => requireToken(deps.token, request);

  app.post(
    '/api/routing/ingress/contacts',
    {
      config,
      onRequest,
      schema: {
        tags,
        body: z
          .object({
            contactId: idInput(),
            serviceId: idInput(),
            channel: z.enum(CHANNELS),
            language: z.string().trim().min(2).max(10).nullish(),
            region: z.string().trim().min(1).max(200).nullish(),
            skills: z.array(z.string().trim().min(1).max(50)).max(10).default([]),
            risk: z.enum(RISKS).default('unknown'),
            caller: z
              .object({ kind: z.enum(['phone', 'telegram', 'vk', 'webchat-device']), value: z.string().trim().min(1).max(200) })
              .strict()
              .nullish(),
          })
          .strict(),
        response: withErrors({ 201: z.object({ contact: contactViewSchema.nullable(), state: z.enum(CONTACT_STATES).optional() }) }),
      },
    },
    async (request, reply) => {
      const b = request.body;
      const result = await receiveContact(deps, {
        contactId: b.contactId,
        serviceId: b.serviceId,
        channel: b.channel,
        language: b.language ?? null,
        region: b.region ?? null,
        skills: b.skills,
        risk: b.risk,
        caller: b.caller ?? null,
      });
      return reply.code(201).send(result);
    },
  );

  for (const [path, what] of [
    ['caller-left', 'callerLeft'],
    ['greeting-done', 'greetingDone'],
  ] as const) {
    app.post(
      `/api/routing/ingress/contacts/:contactId/${path}`,
      { config, onRequest, schema: { tags, params: contactParams, response: stateReply } },
      async (request) => callerEvent(deps, request.params.contactId, what),
    );
  }
}
