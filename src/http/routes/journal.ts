// The journal (Журнал обращений): a service's contact records, filtered and paged, scoped by role.
import { listJournal } from '../../domain/records/journal.js';
import { journalPageSchema, journalQuerySchema } from '../../domain/records/journalSchemas.js';
import { withErrors } from '../errorBody.js';
import { actorOf } from '../sessionHooks.js';
import type { App, AppDeps } from '../types.js';

export function journalRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/records',
    { schema: { tags: ['records'], querystring: journalQuerySchema, response: withErrors({ 200: journalPageSchema }) } },
    async (request) => listJournal(deps.db, actorOf(request), request.query),
  );
}
