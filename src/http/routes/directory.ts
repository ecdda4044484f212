// The referral directory for staff: search and cards, the taxonomy and the regions (every staff
// member), and editing entries and terms (a helpline's head; the admin for national ones).
import { z } from 'zod';
import type { UnitDeps } from '../../db/unitOfWork.js';
import { createEntry, deleteEntry, readEntry, updateEntry, verifyEntry } from '../../domain/directory/entryCommands.js';
import {
  entryInputSchema,
  entryUpdateSchema,
  entryViewSchema,
  newTermSchema,
  termPatchSchema,
  termViewSchema,
} from '../../domain/directory/entrySchemas.js';
import { directoryCardSchema } from '../../domain/directory/directoryCards.js';
import { COUNTRY_CODE, REGIONS } from '../../domain/directory/regions.js';
import { directoryCard, directoryPageSchema, directorySearchSchema, searchDirectory } from '../../domain/directory/search.js';
import { createTerm, deleteTerm, listTerms, updateTerm } from '../../domain/directory/termCommands.js';
import { enforce, policy } from '../../domain/auth/policy.js';
import { idInput } from '../../domain/ids.js';
import { withErrors } from '../errorBody.js';
import { actorOf } from '../sessionHooks.js';
import type { App } from '../types.js';

const tags = ['directory'];
const entryParams = z.object({ entryId: idInput() }).strict();
const termParams = z.object({ termId: idInput() }).strict();
const serviceParams = z.object({ serviceId: idInput() }).strict();
const entry = withErrors({ 200: entryViewSchema });
const noContent = withErrors({ 204: z.null() });

/** Regions for filters and the editor: the whole country first, then the subjects of the federation. */
export const REGION_ITEMS = [{ code: COUNTRY_CODE, name: 'Вся Россия' }, ...REGIONS.map((r) => ({ code: r.code, name: r.name }))];
const regionsSchema = z.object({ items: z.array(z.object({ code: z.string(), name: z.string() })) });

export function directoryRoutes(app: App, deps: UnitDeps): void {
  app.get(
    '/api/directory/services',
    { schema: { tags, querystring: directorySearchSchema, response: withErrors({ 200: directoryPageSchema }) } },
    async (request) => searchDirectory(deps.db, actorOf(request), deps.clock(), request.query),
  );

  app.get(
    '/api/directory/services/:entryId',
    { schema: { tags, params: entryParams, response: withErrors({ 200: directoryCardSchema }) } },
    async (request) => directoryCard(deps.db, actorOf(request), deps.clock(), request.params.entryId),
  );

  app.get(
    '/api/directory/terms',
    { schema: { tags, response: withErrors({ 200: z.object({ items: z.array(termViewSchema) }) }) } },
    async (request) => listTerms(deps.db, actorOf(request)),
  );

  app.get('/api/directory/regions', { schema: { tags, response: withErrors({ 200: regionsSchema }) } }, async (request) => {
    enforce(policy.readDirectory(actorOf(request)), 'directory.not_found');
    return { items: REGION_ITEMS };
  });

  app.post(
    '/api/services/:serviceId/directory/entries',
    { schema: { tags, params: serviceParams, body: entryInputSchema, response: withErrors({ 201: entryViewSchema }) } },
    async (request, reply) => reply.code(201).send(await createEntry(deps, actorOf(request), request.params.serviceId, request.body)),
  );

  app.get('/api/directory/entries/:entryId', { schema: { tags, params: entryParams, response: entry } }, async (request) =>
    readEntry(deps.db, actorOf(request), request.params.entryId),
  );

  app.put(
    '/api/directory/entries/:entryId',
    { schema: { tags, params: entryParams, body: entryUpdateSchema, response: entry } },
    async (request) => updateEntry(deps, actorOf(request), request.params.entryId, request.body),
  );

  app.delete('/api/directory/entries/:entryId', { schema: { tags, params: entryParams, response: noContent } }, async (request, reply) => {
    await deleteEntry(deps, actorOf(request), request.params.entryId);
    return reply.code(204).send(null);
  });

  app.post('/api/directory/entries/:entryId/verify', { schema: { tags, params: entryParams, response: entry } }, async (request) =>
    verifyEntry(deps, actorOf(request), request.params.entryId),
  );

  app.post(
    '/api/services/:serviceId/directory/terms',
    { schema: { tags, params: serviceParams, body: newTermSchema, response: withErrors({ 201: termViewSchema }) } },
    async (request, reply) => reply.code(201).send(await createTerm(deps, actorOf(request), request.params.serviceId, request.body)),
  );

  app.put(
    '/api/directory/terms/:termId',
    { schema: { tags, params: termParams, body: termPatchSchema, response: withErrors({ 200: termViewSchema }) } },
    async (request) => updateTerm(deps, actorOf(request), request.params.termId, request.body),
  );

  app.delete('/api/directory/terms/:termId', { schema: { tags, params: termParams, response: noContent } }, async (request, reply) => {
    await deleteTerm(deps, actorOf(request), request.params.termId);
    return reply.code(204).send(null);
  });
}
