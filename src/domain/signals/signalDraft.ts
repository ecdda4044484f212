// Drafting a signal: from a case (the child's data are chosen fields of the case, copied now) or
// straight from a contact record (the child's data given with it), to one or more addressees, and
// changing it until it is approved. Nothing is saved when an addressee or a chosen field is missing.
import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { inUnit, type Unit } from '../../db/unitOfWork.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/appendAudit.js';
import { auditedUpdate } from '../audit/auditedUpdate.js';
import { policy, type Actor } from '../auth/policy.js';
import type { PersonalInput } from '../cases/caseSchemas.js';
import { assertOpen, caseFor, filledFields, openPersonal, type CaseRow, type PersonalData } from '../cases/caseStore.js';
import { PERSONAL_FIELDS, type PersonalField } from '../cases/caseVocabulary.js';
import { seal } from '../privacy/sealedText.js';
import { ensureRecord } from '../records/recordStore.js';
import { resolveAddressees, type ResolvedAddressee } from './signalAddressees.js';
import type { NewCaseSignal, NewRecordSignal, SignalPatch } from './signalSchemas.js';
import { addresseesOf, assertState, childContext, factsContext, signalFor, type LoadedSignal, type SignalDeps } from './signalStore.js';
import { toSignalSummary, type SignalSummary } from './signalViews.js';

export const SIGNAL_UPDATED_EVENT = 'signal.updated';

/** The child's data a signal carries, and their names. */
interface ChildData {
  fields: PersonalField[];
  data: PersonalData;
}

/** The child's data chosen from the case: every chosen field must hold a value. */
function childFromCase(deps: SignalDeps, row: CaseRow, fields: readonly PersonalField[]): ChildData {
  const missing = fields.filter((f) => !filledFields(row).includes(f));
  if (missing.length > 0) throw new AppError('signal.child_field_missing', { fields: missing });
  return { fields: [...fields], data: openPersonal(deps.key, row, fields) };
}

function childGiven(input: PersonalInput | undefined): ChildData {
  const fields = PERSONAL_FIELDS.filter((f) => input?.[f] !== undefined && input[f] !== null);
  return { fields, data: Object.fromEntries(fields.map((f) => [f, input![f]])) as PersonalData };
}

async function writeAddressees(tx: Transaction<DB>, signalId: string, serviceId: string, list: readonly ResolvedAddressee[]) {
  await tx.deleteFrom('signal_addressees').where('signal_id', '=', signalId).execute();
  await tx
    .insertInto('signal_addressees')
    .values(
      list.map((a, i) => ({
        id: randomUUID(),
        signal_id: signalId,
        service_id: serviceId,
        position: i + 1,
        source: a.source,
        directory_service_id: a.directoryServiceId,
        agency_id: a.agencyId,
        agency_type: a.agencyType,
        name: a.name,
        email: a.email,
        fax: a.fax,
        phone: a.phone,
        channel: a.channel,
      })),
    )
    .execute();
}

const addresseeFacts = (list: readonly ResolvedAddressee[]) =>
  list.map((a) => ({ source: a.source, agencyType: a.agencyType, channel: a.channel }));

/** Answers a signal after a change, and tells the service's board. */
export async function answer(u: Unit, loaded: LoadedSignal, actor: Actor): Promise<SignalSummary> {
  const addressees = (await addresseesOf(u.tx, [loaded.row.id])).get(loaded.row.id) ?? [];
  u.emit({ topic: `board:${loaded.row.service_id}`, name: SIGNAL_UPDATED_EVENT, data: { id: loaded.row.id, status: loaded.row.status } });
  return toSignalSummary(loaded, addressees, actor, u.now);
}

interface Draft {
  id: string;
  serviceId: string;
  caseId: string | null;
  caseAssignedTo: string | null;
  recordId: string;
  input: NewCaseSignal | NewRecordSignal;
  child: ChildData;
}

async function insertDraft(deps: SignalDeps, u: Unit, actor: Actor, d: Draft): Promise<SignalSummary> {
  const addressees = await resolveAddressees(u.tx, d.serviceId, d.input.addressees);
  const inserted = await u.tx
    .insertInto('signals')
    .values({
      id: d.id,
      service_id: d.serviceId,
      case_id: d.caseId,
      record_id: d.recordId,
      created_by: actor.userId,
      created_at: u.now,
      updated_at: u.now,
      urgency: d.input.urgency,
      reason: d.input.reason,
      facts_sealed: seal(deps.key, d.input.facts, factsContext(d.id)),
      child_sealed: d.child.fields.length > 0 ? seal(deps.key, JSON.stringify(d.child.data), childContext(d.id)) : null,
      child_fields: d.child.fields,
      status: 'drafted',
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!inserted) {
    // A retry of the same request answers the signal it made; any other use of the id is refused.
    const existing = await signalFor(u.tx, actor, d.id, false).catch(() => null);
    if (!existing || existing.row.created_by !== actor.userId || existing.row.record_id !== d.recordId) throw new AppError('signal.exists');
    return answer(u, existing, actor);
  }
  await writeAddressees(u.tx, d.id, d.serviceId, addressees);
  await appendAudit(u.tx, u.now, {
    actorId: actor.userId,
    serviceId: d.serviceId,
    action: 'signal.draft',
    targetType: 'signal',
    targetId: d.id,
    details: {
      caseId: d.caseId,
      recordId: d.recordId,
      urgency: d.input.urgency,
      reason: d.input.reason,
      childFields: d.child.fields,
      addressees: addresseeFacts(addressees),
    },
  });
  return answer(u, { row: inserted, caseAssignedTo: d.caseAssignedTo }, actor);
}

export async function draftCaseSignal(deps: SignalDeps, actor: Actor, caseId: string, input: NewCaseSignal): Promise<SignalSummary> {
  return inUnit(deps, async (u) => {
    const row = await caseFor(u.tx, actor, caseId, true);
    assertOpen(row);
    if (row.record_id === null) throw new AppError('case.closed');
    const child = childFromCase(deps, row, input.childFields);
    return insertDraft(deps, u, actor, {
      id: input.id,
      serviceId: row.service_id,
      caseId,
      caseAssignedTo: row.assigned_to,
      recordId: row.record_id,
      input,
      child,
    });
  });
}

export async function draftRecordSignal(deps: SignalDeps, actor: Actor, recordId: string, input: NewRecordSignal): Promise<SignalSummary> {
  await ensureRecord(deps, recordId);
  return inUnit(deps, async (u) => {
    const record = await u.tx
      .selectFrom('contact_records')
      .select(['id', 'service_id', 'staff_id', 'status', 'contact_type'])
      .where('id', '=', recordId)
      .executeTakeFirst();
    if (!record || policy.openCase(actor, { staffId: record.staff_id, serviceId: record.service_id }) !== 'allow')
      throw new AppError('record.not_found');
    if (record.status === 'void' || record.contact_type === 'missed') throw new AppError('case.record_not_eligible');
    return insertDraft(deps, u, actor, {
      id: input.id,
      serviceId: record.service_id,
      caseId: null,
      caseAssignedTo: null,
      recordId,
      input,
      child: childGiven(input.child),
    });
  });
}

export async function changeDraft(deps: SignalDeps, actor: Actor, id: string, patch: SignalPatch): Promise<SignalSummary> {
  return inUnit(deps, async (u) => {
    const loaded = await signalFor(u.tx, actor, id, true);
    const { row } = loaded;
    assertState(row, ['drafted'], patch.version);
    let child: ChildData | undefined;
    if (row.case_id !== null) {
      if (patch.child !== undefined) throw new AppError('signal.child_source');
      if (patch.childFields !== undefined) child = childFromCase(deps, await caseFor(u.tx, actor, row.case_id, false), patch.childFields);
    } else {
      if (patch.childFields !== undefined) throw new AppError('signal.child_source');
      if (patch.child !== undefined) child = childGiven(patch.child);
    }
    const addressees = patch.addressees ? await resolveAddressees(u.tx, row.service_id, patch.addressees) : undefined;
    const changed = (['urgency', 'reason', 'facts', 'addressees', 'childFields', 'child'] as const).filter((k) => patch[k] !== undefined);
    const updated = await auditedUpdate(
      u,
      actor.userId,
      'signals',
      row,
      {
        ...(patch.urgency ? { urgency: patch.urgency } : {}),
        ...(patch.reason ? { reason: patch.reason } : {}),
        ...(patch.facts ? { facts_sealed: seal(deps.key, patch.facts, factsContext(id)) } : {}),
        ...(child
          ? {
              child_fields: child.fields,
              child_sealed: child.fields.length > 0 ? seal(deps.key, JSON.stringify(child.data), childContext(id)) : null,
            }
          : {}),
      },
      {
        action: 'signal.update',
        details: {
          changed,
          ...(child ? { childFields: child.fields } : {}),
          ...(addressees ? { addressees: addresseeFacts(addressees) } : {}),
        },
      },
    );
    if (addressees) await writeAddressees(u.tx, id, row.service_id, addressees);
    return answer(u, { ...loaded, row: updated }, actor);
  });
}
