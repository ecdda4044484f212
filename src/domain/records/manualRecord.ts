// A record made by hand (a contact that did not come through routing, e.g. a letter or a visit).
// The id is the client's, so a retry of the same request answers the same record instead of a second.
import { z } from 'zod';
import { inUnit } from '../../db/unitOfWork.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/appendAudit.js';
import { enforce, policy, type Actor } from '../auth/policy.js';
import { idInput } from '../ids.js';
import { CURRENT_NATIONAL_VERSION } from './classificationSeed.js';
import { loadRecord, storedFields, type RecordDeps } from './recordStore.js';
import { toRecordView, type RecordView } from './recordViews.js';
import { RECORD_CHANNELS } from './vocabulary.js';

const DAY_MS = 24 * 3600_000;
const MAX_BACKDATE_MS = 366 * DAY_MS;

export const newRecordSchema = z
  .object({
    id: idInput(),
    serviceId: idInput(),
    channel: z.enum(RECORD_CHANNELS),
    /** Within the last year (a letter read a while after it came), and not in the future. */
    arrivedAt: z.iso
      .datetime({ offset: true })
      .refine((s) => Date.parse(s) <= Date.now() + DAY_MS && Date.parse(s) >= Date.now() - MAX_BACKDATE_MS, {
        message: 'outside the last year',
      })
      .optional(),
  })
  .strict();
export type NewRecord = z.infer<typeof newRecordSchema>;

export async function createManualRecord(deps: RecordDeps, actor: Actor, input: NewRecord): Promise<RecordView> {
  enforce(policy.createRecord(actor, input.serviceId), 'service.not_found');
  return inUnit(deps, async (u) => {
    const arrivedAt = input.arrivedAt ? new Date(input.arrivedAt) : u.now;
    const inserted = await u.tx
      .insertInto('contact_records')
      .values({
        id: input.id,
        service_id: input.serviceId,
        origin: 'manual',
        status: 'draft',
        classification_version: CURRENT_NATIONAL_VERSION,
        staff_id: actor.userId,
        channel: input.channel,
        arrived_at: arrivedAt,
        created_at: u.now,
        updated_at: u.now,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    const loaded = await loadRecord(u.tx, input.id, false);
    if (!loaded) throw new AppError('record.exists');
    const { row } = loaded;
    // A retry of the same request by the same person answers the record; anything else is another record's id.
    const same =
      row.origin === 'manual' &&
      row.staff_id === actor.userId &&
      row.service_id === input.serviceId &&
      row.channel === input.channel &&
      (input.arrivedAt === undefined || row.arrived_at.getTime() === arrivedAt.getTime());
    if (!same) throw new AppError('record.exists');
    if (inserted) {
      await appendAudit(u.tx, u.now, {
        actorId: actor.userId,
        serviceId: input.serviceId,
        action: 'record.create',
        targetType: 'record',
        targetId: input.id,
        details: { channel: input.channel },
      });
    }
    return toRecordView(loaded, storedFields(deps.key, loaded), loaded.pseudonym, actor, u.now);
  });
}
