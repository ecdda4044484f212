// Care plans for frequent callers: the caller's contacts are first offered to a preferred counsellor
// (for `carePlanSeconds`; risk always outranks the plan). A plan is made from one of the caller's
// contacts, so staff never handle the caller key or the number behind it.
import { inUnit, type UnitDeps } from '../../../db/unitOfWork.js';
import { AppError } from '../../../errors.js';
import { appendAudit, lockAuditChains } from '../../audit/appendAudit.js';
import { enforce, policy, type Actor } from '../../auth/policy.js';

export interface CarePlanView {
  id: string;
  preferredStaffId: string;
  preferredPseudonym: string;
  fromContactId: string;
  createdAt: string;
}

export async function listCarePlans(deps: UnitDeps, actor: Actor, serviceId: string): Promise<CarePlanView[]> {
  enforce(policy.superviseService(actor, serviceId), 'service.not_found');
  const rows = await deps.db
    .selectFrom('care_plans')
    .innerJoin('staff_users', 'staff_users.id', 'care_plans.preferred_staff_id')
    .select([
      'care_plans.id',
      'care_plans.preferred_staff_id',
      'care_plans.from_contact_id',
      'staff_users.pseudonym',
      'care_plans.created_at',
    ])
    .where('care_plans.service_id', '=', serviceId)
    .orderBy('care_plans.created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    preferredStaffId: r.preferred_staff_id,
    preferredPseudonym: r.pseudonym,
    fromContactId: r.from_contact_id,
    createdAt: r.created_at.toISOString(),
  }));
}

export async function createCarePlan(
  deps: UnitDeps,
  actor: Actor,
  serviceId: string,
  input: { contactId: string; preferredStaffId: string },
): Promise<CarePlanView> {
  enforce(policy.superviseService(actor, serviceId), 'service.not_found');
  return inUnit(deps, async (u) => {
    const contact = await u.tx
      .selectFrom('routing_contacts')
      .select(['caller_key'])
      .where('id', '=', input.contactId)
      .where('service_id', '=', serviceId)
      .executeTakeFirst();
    if (!contact) throw new AppError('routing.contact_not_found');
    if (!contact.caller_key) throw new AppError('routing.no_caller_key');
    const staff = await u.tx
      .selectFrom('staff_users')
      .innerJoin('role_grants', 'role_grants.user_id', 'staff_users.id')
      .select(['staff_users.id', 'staff_users.pseudonym'])
      .where('staff_users.id', '=', input.preferredStaffId)
      .where('role_grants.service_id', '=', serviceId)
      .where('staff_users.disabled', '=', false)
      .executeTakeFirst();
    if (!staff) throw new AppError('staff.not_found');
    const row = await u.tx
      .insertInto('care_plans')
      .values({
        service_id: serviceId,
        caller_key: contact.caller_key,
        preferred_staff_id: staff.id,
        from_contact_id: input.contactId,
        created_by: actor.userId,
        created_at: u.now,
        updated_at: u.now,
      })
      .onConflict((oc) =>
        oc
          .columns(['service_id', 'caller_key'])
          .doUpdateSet({ preferred_staff_id: staff.id, from_contact_id: input.contactId, updated_at: u.now }),
      )
      .returning(['id', 'created_at'])
      .executeTakeFirstOrThrow();
    await lockAuditChains(u.tx, [serviceId]);
    await appendAudit(u.tx, u.now, {
      actorId: actor.userId,
      serviceId,
      action: 'care_plan.set',
      targetType: 'care_plan',
      targetId: row.id,
      details: { fromContactId: input.contactId, preferredStaffId: staff.id },
    });
    u.emit({ topic: `board:${serviceId}`, name: 'routing.care_plans', data: { serviceId } });
    return {
      id: row.id,
      preferredStaffId: staff.id,
      preferredPseudonym: staff.pseudonym,
      fromContactId: input.contactId,
      createdAt: row.created_at.toISOString(),
    };
  });
}

export async function deleteCarePlan(deps: UnitDeps, actor: Actor, serviceId: string, carePlanId: string): Promise<void> {
  enforce(policy.superviseService(actor, serviceId), 'service.not_found');
  await inUnit(deps, async (u) => {
    const gone = await u.tx
      .deleteFrom('care_plans')
      .where('id', '=', carePlanId)
      .where('service_id', '=', serviceId)
      .returning('id')
      .executeTakeFirst();
    if (!gone) throw new AppError('routing.care_plan_not_found');
    await lockAuditChains(u.tx, [serviceId]);
    await appendAudit(u.tx, u.now, {
      actorId: actor.userId,
      serviceId,
      action: 'care_plan.delete',
      targetType: 'care_plan',
      targetId: carePlanId,
    });
    u.emit({ topic: `board:${serviceId}`, name: 'routing.care_plans', data: { serviceId } });
  });
}
