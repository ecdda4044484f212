// A service's retention periods (days after closing, by kind of record) and signal deadlines
// (working days, with its additions to the production calendar): its own row when its head has set
// them, the defaults otherwise.
import { sql } from 'kysely';
import { inUnit, type UnitDeps } from '../../db/unitOfWork.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/appendAudit.js';
import { enforce, policy, type Actor } from '../auth/policy.js';
import type { CaseSettings, CaseSettingsInput, CaseSettingsView } from './caseSchemas.js';
import type { Db } from './caseStore.js';
import { DEFAULT_CASE_SETTINGS } from './caseVocabulary.js';

export async function settingsOf(db: Db, serviceId: string): Promise<CaseSettingsView> {
  const row = await db
    .selectFrom('case_settings')
    .selectAll()
    // date[] comes back as text[] ('YYYY-MM-DD'), the same from both drivers.
    .select([sql<string[]>`extra_days_off::text[]`.as('days_off'), sql<string[]>`extra_working_days::text[]`.as('working_days')])
    .where('service_id', '=', serviceId)
    .executeTakeFirst();
  if (!row) return { ...DEFAULT_CASE_SETTINGS, extraDaysOff: [], extraWorkingDays: [], updatedAt: null };
  return {
    retentionConsentDays: row.retention_consent_days,
    retentionDutyDays: row.retention_duty_days,
    retentionSignalDays: row.retention_signal_days,
    ackWorkingDays: row.ack_working_days,
    outcomeWorkingDays: row.outcome_working_days,
    extraDaysOff: [...row.days_off].sort(),
    extraWorkingDays: [...row.working_days].sort(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function readCaseSettings(db: Db, actor: Actor, serviceId: string): Promise<CaseSettingsView> {
  enforce(policy.viewCaseSettings(actor, serviceId), 'service.not_found');
  return settingsOf(db, serviceId);
}

/** The same save: both never saved, or the same instant however written. */
const sameVersion = (sent: string | null, current: string | null) =>
  sent === null || current === null ? sent === current : Date.parse(sent) === Date.parse(current);

export async function writeCaseSettings(
  deps: UnitDeps,
  actor: Actor,
  serviceId: string,
  { updatedAt, ...input }: CaseSettingsInput,
): Promise<CaseSettingsView> {
  enforce(policy.editCaseSettings(actor, serviceId), 'service.not_found');
  return inUnit(deps, async (u) => {
    const service = await u.tx.selectFrom('services').select('id').where('id', '=', serviceId).executeTakeFirst();
    if (!service) throw new AppError('service.not_found');
    // Read under the row's lock, so two saves from the same version cannot both pass the check.
    await u.tx.selectFrom('case_settings').select('service_id').where('service_id', '=', serviceId).forUpdate().execute();
    const { updatedAt: current, ...before } = await settingsOf(u.tx, serviceId);
    if (updatedAt !== undefined && !sameVersion(updatedAt, current)) throw new AppError('resource.version_conflict');
    const s: CaseSettings = {
      ...input,
      extraDaysOff: [...(input.extraDaysOff ?? before.extraDaysOff)].sort(),
      extraWorkingDays: [...(input.extraWorkingDays ?? before.extraWorkingDays)].sort(),
    };
    if (s.extraDaysOff.some((d) => s.extraWorkingDays.includes(d))) throw new AppError('case.calendar_conflict');
    const columns = {
      retention_consent_days: s.retentionConsentDays,
      retention_duty_days: s.retentionDutyDays,
      retention_signal_days: s.retentionSignalDays,
      ack_working_days: s.ackWorkingDays,
      outcome_working_days: s.outcomeWorkingDays,
      extra_days_off: s.extraDaysOff,
      extra_working_days: s.extraWorkingDays,
      updated_at: u.now,
      updated_by: actor.userId,
    };
    await u.tx
      .insertInto('case_settings')
      .values({ service_id: serviceId, ...columns })
      .onConflict((oc) => oc.column('service_id').doUpdateSet(columns))
      .execute();
    await appendAudit(u.tx, u.now, {
      actorId: actor.userId,
      serviceId,
      action: 'case_settings.update',
      targetType: 'service',
      targetId: serviceId,
      details: { before, after: s },
    });
    return { ...s, updatedAt: u.now.toISOString() };
  });
}
