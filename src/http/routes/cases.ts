// Cases (Случаи): opened from a contact record with consent or under a legal duty, read one at a time
// (audited with the personal fields opened), changed, closed; their notes, tasks and linked contacts;
// and a service's retention and deadline settings.
import { z } from 'zod';
import { changeCase, closeCase, openCase } from '../../domain/cases/caseCommands.js';
import { candidateListSchema, contactCandidates, linkContact } from '../../domain/cases/caseContacts.js';
import { caseAssignees, listCases, readCase } from '../../domain/cases/caseReads.js';
import {
  caseCloseSchema,
  caseListQuerySchema,
  casePatchSchema,
  caseReadQuerySchema,
  caseSettingsInputSchema,
  caseSettingsViewSchema,
  linkContactSchema,
  newCaseSchema,
  newNoteSchema,
  newTaskSchema,
  taskPatchSchema,
} from '../../domain/cases/caseSchemas.js';
import { readCaseSettings, writeCaseSettings } from '../../domain/cases/caseSettings.js';
import type { CaseDeps } from '../../domain/cases/caseStore.js';
import { addNote, addTask, setTaskDone } from '../../domain/cases/caseTimeline.js';
import { caseSummarySchema, caseViewSchema, noteViewSchema, taskStateSchema, taskViewSchema } from '../../domain/cases/caseViews.js';
import { idInput } from '../../domain/ids.js';
import { withErrors } from '../errorBody.js';
import { actorOf } from '../sessionHooks.js';
import type { App } from '../types.js';

const assigneeListSchema = z.object({ items: z.array(z.object({ id: z.uuid(), pseudonym: z.string() })) });

const tags = ['cases'];
const params = z.object({ caseId: idInput() }).strict();
const taskParams = z.object({ caseId: idInput(), taskId: idInput() }).strict();
const serviceParams = z.object({ serviceId: idInput() }).strict();
const summary = withErrors({ 200: caseSummarySchema });

export function caseRoutes(app: App, deps: CaseDeps): void {
  app.post(
    '/api/cases',
    { schema: { tags, body: newCaseSchema, response: withErrors({ 201: caseSummarySchema }) } },
    async (request, reply) => reply.code(201).send(await openCase(deps, actorOf(request), request.body)),
  );

  app.get(
    '/api/cases',
    { schema: { tags, querystring: caseListQuerySchema, response: withErrors({ 200: z.object({ items: z.array(caseSummarySchema) }) }) } },
    async (request) => ({ items: await listCases(deps.db, actorOf(request), request.query) }),
  );

  app.get(
    '/api/cases/:caseId',
    {
      schema: {
        tags,
        description:
          'One case with the personal fields named in `fields` (all when absent), its notes and tasks. Every read is audited with the fields it opened.',
        params,
        querystring: caseReadQuerySchema,
        response: withErrors({ 200: caseViewSchema }),
      },
    },
    async (request) => readCase(deps, actorOf(request), request.params.caseId, request.query.fields),
  );

  app.patch('/api/cases/:caseId', { schema: { tags, params, body: casePatchSchema, response: summary } }, async (request) =>
    changeCase(deps, actorOf(request), request.params.caseId, request.body),
  );

  app.post('/api/cases/:caseId/close', { schema: { tags, params, body: caseCloseSchema, response: summary } }, async (request) =>
    closeCase(deps, actorOf(request), request.params.caseId, request.body),
  );

  app.post(
    '/api/cases/:caseId/notes',
    { schema: { tags, params, body: newNoteSchema, response: withErrors({ 201: noteViewSchema }) } },
    async (request, reply) => reply.code(201).send(await addNote(deps, actorOf(request), request.params.caseId, request.body.text)),
  );

  app.post(
    '/api/cases/:caseId/tasks',
    { schema: { tags, params, body: newTaskSchema, response: withErrors({ 201: taskViewSchema }) } },
    async (request, reply) => reply.code(201).send(await addTask(deps, actorOf(request), request.params.caseId, request.body)),
  );

  app.patch(
    '/api/cases/:caseId/tasks/:taskId',
    { schema: { tags, params: taskParams, body: taskPatchSchema, response: withErrors({ 200: taskStateSchema }) } },
    async (request) => setTaskDone(deps, actorOf(request), request.params.caseId, request.params.taskId, request.body.done),
  );

  app.get(
    '/api/cases/:caseId/candidates',
    {
      schema: {
        tags,
        description:
          "The same caller's other contacts (found through the caller key of the linked records), to link on the counsellor's confirmation.",
        params,
        response: withErrors({ 200: candidateListSchema }),
      },
    },
    async (request) => ({ items: await contactCandidates(deps, actorOf(request), request.params.caseId) }),
  );

  app.get(
    '/api/cases/:caseId/assignees',
    {
      schema: {
        tags,
        description: "Whom the case can be given to (the service's active staff who take contacts): for its supervisors and head.",
        params,
        response: withErrors({ 200: assigneeListSchema }),
      },
    },
    async (request) => ({ items: await caseAssignees(deps.db, actorOf(request), request.params.caseId) }),
  );

  app.post(
    '/api/cases/:caseId/contacts',
    { schema: { tags, params, body: linkContactSchema, response: withErrors({ 200: candidateListSchema }) } },
    async (request) => ({ items: await linkContact(deps, actorOf(request), request.params.caseId, request.body.recordId) }),
  );

  app.get(
    '/api/services/:serviceId/case-settings',
    { schema: { tags, params: serviceParams, response: withErrors({ 200: caseSettingsViewSchema }) } },
    async (request) => readCaseSettings(deps.db, actorOf(request), request.params.serviceId),
  );

  app.put(
    '/api/services/:serviceId/case-settings',
    { schema: { tags, params: serviceParams, body: caseSettingsInputSchema, response: withErrors({ 200: caseSettingsViewSchema }) } },
    async (request) => writeCaseSettings(deps, actorOf(request), request.params.serviceId, request.body),
  );
}
