// The agencies a service's signals can go to: its own list (kept by its supervisors and head, for
// agencies the referral directory lacks) and the directory's entries the helpline sees that carry an
// agency-type taxonomy term (опека, ПДН, КДН и ЗП, …).
import { randomUUID } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import { z } from 'zod';
import type { SignalAgenciesTable } from '../../db/schema.js';
import { inUnit, type UnitDeps } from '../../db/unitOfWork.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/appendAudit.js';
import { enforce, policy, type Actor } from '../auth/policy.js';
import type { Db } from '../cases/caseStore.js';
import { agencyTerms } from './signalAddressees.js';
import type { agencyPatchSchema, newAgencySchema } from './signalSchemas.js';
import { AGENCY_TYPES } from './signalVocabulary.js';

export const agencyViewSchema = z.object({
  id: z.string(),
  serviceId: z.string(),
  name: z.string(),
  agencyType: z.enum(AGENCY_TYPES),
  email: z.string().nullable(),
  fax: z.string().nullable(),
  phone: z.string().nullable(),
  active: z.boolean(),
  version: z.number().int(),
});
export const addresseeChoicesSchema = z.object({
  agencies: z.array(agencyViewSchema),
  /** Directory entries usable as addressees: HSDS services tagged with an agency type. */
  directory: z.array(z.object({ directoryServiceId: z.string(), name: z.string(), agencyType: z.enum(AGENCY_TYPES) })),
});
type AgencyView = z.infer<typeof agencyViewSchema>;

const toView = (r: Selectable<SignalAgenciesTable>): AgencyView => ({
  id: r.id,
  serviceId: r.service_id,
  name: r.name,
  agencyType: r.agency_type as AgencyView['agencyType'],
  email: r.email,
  fax: r.fax,
  phone: r.phone,
  active: r.active,
  version: r.version,
});

const DIRECTORY_MAX = 500;

export async function addresseeChoices(db: Db, actor: Actor, serviceId: string): Promise<z.infer<typeof addresseeChoicesSchema>> {
  enforce(policy.useSignalAgencies(actor, serviceId), 'service.not_found');
  const agencies = await db
    .selectFrom('signal_agencies')
    .selectAll()
    .where('service_id', '=', serviceId)
    .orderBy('name')
    .orderBy('id')
    .execute();
  const terms = await agencyTerms(db, serviceId);
  const termIds = [...terms.keys()];
  const entries =
    termIds.length === 0
      ? []
      : await db
          .selectFrom('directory_services')
          .select(['service_id', 'name', 'organization_name', 'term_ids'])
          .where('status', '=', 'active')
          .where((eb) => eb.or([eb('tenant_id', 'is', null), eb('tenant_id', '=', serviceId)]))
          .where(sql<boolean>`term_ids && array[${sql.join(termIds)}]::uuid[]`)
          .orderBy('name')
          .limit(DIRECTORY_MAX)
          .execute();
  return {
    agencies: agencies.map(toView),
    directory: entries.map((e) => ({
      directoryServiceId: e.service_id,
      name: e.organization_name && e.organization_name !== e.name ? `${e.organization_name} — ${e.name}` : e.name,
      agencyType: e.term_ids.map((t) => terms.get(t)).find((t) => t !== undefined) ?? 'other',
    })),
  };
}

export async function addAgency(deps: UnitDeps, actor: Actor, serviceId: string, a: z.infer<typeof newAgencySchema>): Promise<AgencyView> {
  enforce(policy.manageSignalAgencies(actor, serviceId), 'service.not_found');
  return inUnit(deps, async (u) => {
    const row = await u.tx
      .insertInto('signal_agencies')
      .values({
        id: randomUUID(),
        service_id: serviceId,
        name: a.name,
        agency_type: a.agencyType,
        email: a.email ?? null,
        fax: a.fax ?? null,
        phone: a.phone ?? null,
        created_at: u.now,
        updated_at: u.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(u.tx, u.now, {
      actorId: actor.userId,
      serviceId,
      action: 'signal_agency.create',
      targetType: 'signal_agency',
      targetId: row.id,
      details: { name: a.name, agencyType: a.agencyType },
    });
    return toView(row);
  });
}

export async function changeAgency(
  deps: UnitDeps,
  actor: Actor,
  serviceId: string,
  agencyId: string,
  p: z.infer<typeof agencyPatchSchema>,
): Promise<AgencyView> {
  enforce(policy.manageSignalAgencies(actor, serviceId), 'service.not_found');
  return inUnit(deps, async (u) => {
    const row = await u.tx
      .selectFrom('signal_agencies')
      .selectAll()
      .where('id', '=', agencyId)
      .where('service_id', '=', serviceId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new AppError('signal.agency_not_found');
    if (row.version !== p.version) throw new AppError('resource.version_conflict', { currentVersion: row.version });
    const updated = await u.tx
      .updateTable('signal_agencies')
      .set({
        ...(p.name !== undefined ? { name: p.name } : {}),
        ...(p.agencyType !== undefined ? { agency_type: p.agencyType } : {}),
        ...(p.email !== undefined ? { email: p.email } : {}),
        ...(p.fax !== undefined ? { fax: p.fax } : {}),
        ...(p.phone !== undefined ? { phone: p.phone } : {}),
        ...(p.active !== undefined ? { active: p.active } : {}),
        version: row.version + 1,
        updated_at: u.now,
      })
      .where('id', '=', agencyId)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(u.tx, u.now, {
      actorId: actor.userId,
      serviceId,
      action: 'signal_agency.update',
      targetType: 'signal_agency',
      targetId: agencyId,
      details: { changed: Object.keys(p).filter((k) => k !== 'version') },
    });
    return toView(updated);
  });
}
