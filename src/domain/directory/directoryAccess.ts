// Who sees and who edits which directory entries. A reader sees the national entries (tenant null)
// and those of the helpline services they hold a role in; an admin sees all. Editing follows
// policy.editDirectory (a helpline's head; national entries: the admin).
import { sql, type RawBuilder } from 'kysely';
import { policy, visibleServices, type Actor } from '../auth/policy.js';

/** The helplines whose entries a reader sees besides the national ones ('all': an admin). */
export type ReaderScope = 'all' | readonly string[];

export function readerScope(actor: Actor): ReaderScope {
  return visibleServices(actor);
}

/** SQL: the row whose owner is `column` is visible in `scope`. */
export function inScope(scope: ReaderScope, column: RawBuilder<unknown>): RawBuilder<boolean> {
  if (scope === 'all') return sql<boolean>`true`;
  return scope.length ? sql<boolean>`(${column} is null or ${column} in (${sql.join([...scope])}))` : sql<boolean>`${column} is null`;
}

/** Whether an entry owned by `tenantId` (null: national) is visible in `scope`. */
export function seesTenant(scope: ReaderScope, tenantId: string | null): boolean {
  return tenantId === null || scope === 'all' || scope.includes(tenantId);
}

/** Whether the actor may edit an entry owned by `tenantId` (null: national). */
export function canEdit(actor: Actor, tenantId: string | null): boolean {
  return policy.editDirectory(actor, tenantId) === 'allow';
}
