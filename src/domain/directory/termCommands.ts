// The taxonomy staff choose terms from: the national terms and their own helpline's. A head adds,
// renames, moves and deletes their helpline's terms (the admin the national ones); a term still
// used by an entry, a sub-term or a referral cannot be deleted. Renaming reindexes the entries
// under the term, so search finds them by the new name.
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../../db/database.js';
import type { HsdsData } from '../../db/schema.js';
import { inUnit, type Unit, type UnitDeps } from '../../db/unitOfWork.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/appendAudit.js';
import { enforce, policy, type Actor } from '../auth/policy.js';
import { inScope, readerScope, seesTenant } from './directoryAccess.js';
import { deleteRows, putRows } from './directoryStore.js';
import { ownerTimeZone } from './directoryTime.js';
import type { NewTerm, TermPatch, TermView } from './entrySchemas.js';
import { reindexServices, servicesTouchedBy } from './serviceIndex.js';
import { NATIONAL_TERMS, termRow } from './taxonomySeed.js';

type Tx = Unit['tx'];
interface Term {
  id: string;
  tenantId: string | null;
  data: HsdsData;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const key = (s: string) => s.trim().toLocaleLowerCase('ru').replace(/ё/g, 'е');
const seedOrder = new Map(NATIONAL_TERMS.map((t, i) => [t.id, i]));

const view = (t: Term): TermView => ({
  id: t.id,
  parentId: str(t.data.parent_id)?.toLowerCase() ?? null,
  code: str(t.data.code),
  name: String(t.data.name ?? ''),
  tenantId: t.tenantId,
});

/** The terms an owner's entries may use: national ones and the owner's own. */
async function termsOf(db: Database | Tx, tenantId: string | null): Promise<Term[]> {
  const rows = await db
    .selectFrom('directory_rows')
    .select(['id', 'tenant_id', 'data'])
    .where('kind', '=', 'taxonomy_term')
    .where(tenantId === null ? sql<boolean>`tenant_id is null` : sql<boolean>`(tenant_id is null or tenant_id = ${tenantId})`)
    .execute();
  return rows.map((r) => ({ id: r.id, tenantId: r.tenant_id, data: r.data }));
}

/** National terms in the seeded order, then the others by name. */
export async function listTerms(db: Database, actor: Actor): Promise<{ items: TermView[] }> {
  enforce(policy.readDirectory(actor), 'directory.term_not_found');
  const rows = await db
    .selectFrom('directory_rows')
    .select(['id', 'tenant_id', 'data'])
    .where('kind', '=', 'taxonomy_term')
    .where(inScope(readerScope(actor), sql`tenant_id`))
    .execute();
  const items = rows.map((r) => view({ id: r.id, tenantId: r.tenant_id, data: r.data }));
  const order = (t: TermView) => seedOrder.get(t.id) ?? Number.MAX_SAFE_INTEGER;
  items.sort((a, b) => order(a) - order(b) || a.name.localeCompare(b.name, 'ru') || (a.id < b.id ? -1 : 1));
  return { items };
}

/** A sibling of the same name, or a term of the same code, is already there. */
function checkUnique(terms: readonly Term[], self: string | null, name: string, parentId: string | null, code: string | null) {
  for (const t of terms) {
    if (t.id === self) continue;
    const sameParent = (str(t.data.parent_id)?.toLowerCase() ?? null) === parentId;
    if ((sameParent && key(String(t.data.name ?? '')) === key(name)) || (code !== null && t.data.code === code))
      throw new AppError('directory.term_exists');
  }
}

/** The parent must be a term the owner sees, and not the term itself or one under it. */
function checkParent(terms: readonly Term[], self: string | null, parentId: string | null) {
  if (parentId === null) return;
  const byId = new Map(terms.map((t) => [t.id, t]));
  if (!byId.has(parentId)) throw new AppError('directory.term_parent_invalid');
  for (let p: string | null = parentId, depth = 0; p; p = str(byId.get(p)?.data.parent_id)?.toLowerCase() ?? null, depth++) {
    if (p === self || depth > 20) throw new AppError('directory.term_parent_invalid');
  }
}

async function audit(u: Unit, actor: Actor, t: Term, action: string, details: Record<string, unknown>) {
  await appendAudit(u.tx, u.now, {
    actorId: actor.userId,
    serviceId: t.tenantId,
    action: `directory_term.${action}`,
    targetType: 'taxonomy_term',
    targetId: t.id,
    details,
  });
}

export async function createTerm(deps: UnitDeps, actor: Actor, tenantId: string, input: NewTerm): Promise<TermView> {
  enforce(policy.editDirectory(actor, tenantId), 'service.not_found');
  return inUnit(deps, async (u) => {
    await ownerTimeZone(u.tx, tenantId);
    const terms = await termsOf(u.tx, tenantId);
    const code = input.code ?? `svc.${randomBytes(4).toString('hex')}`;
    checkParent(terms, null, input.parentId);
    checkUnique(terms, null, input.name, input.parentId, code);
    const term: Term = {
      id: randomUUID(),
      tenantId,
      data: termRow({ id: '', code, name: input.name, description: input.name, parentId: input.parentId }),
    };
    term.data.id = term.id;
    await putRows(u.tx, { tenantId, actorId: actor.userId, at: u.now }, [{ kind: 'taxonomy_term', data: term.data }]);
    await audit(u, actor, term, 'create', { name: input.name, code, parentId: input.parentId });
    return view(term);
  });
}

/** The term for an editor: one the actor does not see is not found; one they may not change is forbidden. */
async function editableTerm(tx: Tx, actor: Actor, termId: string): Promise<Term> {
  const row = await tx
    .selectFrom('directory_rows')
    .select(['id', 'tenant_id', 'data'])
    .where('id', '=', termId)
    .where('kind', '=', 'taxonomy_term')
    .forUpdate()
    .executeTakeFirst();
  if (!row || !seesTenant(readerScope(actor), row.tenant_id)) throw new AppError('directory.term_not_found');
  enforce(policy.editDirectory(actor, row.tenant_id), 'directory.term_not_found');
  return { id: row.id, tenantId: row.tenant_id, data: row.data };
}

export async function updateTerm(deps: UnitDeps, actor: Actor, termId: string, patch: TermPatch): Promise<TermView> {
  return inUnit(deps, async (u) => {
    const term = await editableTerm(u.tx, actor, termId);
    const terms = await termsOf(u.tx, term.tenantId);
    const previousParent = str(term.data.parent_id)?.toLowerCase() ?? null;
    const parentId = patch.parentId === undefined ? previousParent : patch.parentId;
    checkParent(terms, term.id, parentId);
    checkUnique(terms, term.id, patch.name, parentId, null);
    const data = { ...term.data, name: patch.name, parent_id: parentId };
    await putRows(u.tx, { tenantId: term.tenantId, actorId: actor.userId, at: u.now }, [{ kind: 'taxonomy_term', data }]);
    // Entries under the term: its name is in their search words, its place in their ancestors.
    await reindexServices(u.tx, await servicesTouchedBy(u.tx, [term.id]), u.now);
    await audit(u, actor, term, 'update', { name: patch.name, previousName: term.data.name, parentId, previousParentId: previousParent });
    return view({ ...term, data });
  });
}

export async function deleteTerm(deps: UnitDeps, actor: Actor, termId: string): Promise<void> {
  await inUnit(deps, async (u) => {
    const term = await editableTerm(u.tx, actor, termId);
    // Any owner's entries and sub-terms count (national terms are everyone's), and referrals given under it.
    const used = await u.tx
      .selectFrom('directory_rows')
      .select('id')
      .where(sql<boolean>`links && ${sql.val([term.id])}::uuid[]`)
      .where('kind', 'in', ['attribute', 'taxonomy_term'])
      .limit(1)
      .executeTakeFirst();
    const referred = await u.tx
      .selectFrom('record_referrals')
      .select('id')
      .where(sql<boolean>`term_ids @> ${sql.val([term.id])}::uuid[]`)
      .limit(1)
      .executeTakeFirst();
    if (used || referred) throw new AppError('directory.term_in_use');
    await deleteRows(u.tx, term.tenantId, [term.id]);
    await audit(u, actor, term, 'delete', { name: term.data.name, code: term.data.code });
  });
}
