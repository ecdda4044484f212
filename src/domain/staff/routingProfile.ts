// A counsellor's routing profile: the languages they counsel in and their skills (e.g. sign
// language, work with parents). The engine reads it when the counsellor goes on duty.
import { z } from 'zod';
import type { Database } from '../../db/database.js';
import { inUnit, type UnitDeps } from '../../db/unitOfWork.js';
import { policy, type Actor } from '../auth/policy.js';
import { recordStaffChange } from './staffEvents.js';
import { loadStaffFor } from './staffQueries.js';

export const routingProfileSchema = z
  .object({
    languages: z
      .array(z.string().regex(/^[a-z]{2,3}$/, 'ISO 639 language code'))
      .min(1)
      .max(10)
      .transform((l) => [...new Set(l)]),
    skills: z
      .array(
        z
          .string()
          .trim()
          .toLowerCase()
          .regex(/^[a-z0-9-]{2,40}$/, 'Latin letters, digits and dashes'),
      )
      .max(20)
      .transform((s) => [...new Set(s)]),
  })
  .strict();

export type RoutingProfile = z.infer<typeof routingProfileSchema>;

export const DEFAULT_PROFILE: RoutingProfile = { languages: ['ru'], skills: [] };

export async function getRoutingProfile(db: Database, actor: Actor, userId: string): Promise<RoutingProfile> {
  await loadStaffFor(db, actor, userId, policy.viewStaff);
  const row = await db.selectFrom('counsellor_profiles').select(['languages', 'skills']).where('staff_id', '=', userId).executeTakeFirst();
  return row ? { languages: row.languages, skills: row.skills } : DEFAULT_PROFILE;
}

export async function setRoutingProfile(deps: UnitDeps, actor: Actor, userId: string, profile: RoutingProfile): Promise<RoutingProfile> {
  return inUnit(deps, async (u) => {
    const { grants } = await loadStaffFor(u.tx, actor, userId, policy.manageStaff, true);
    const before = await u.tx
      .selectFrom('counsellor_profiles')
      .select(['languages', 'skills'])
      .where('staff_id', '=', userId)
      .executeTakeFirst();
    await u.tx
      .insertInto('counsellor_profiles')
      .values({ staff_id: userId, languages: profile.languages, skills: profile.skills, updated_at: u.now })
      .onConflict((oc) => oc.column('staff_id').doUpdateSet({ languages: profile.languages, skills: profile.skills, updated_at: u.now }))
      .execute();
    await recordStaffChange(u, actor, userId, grants, 'staff.routing_profile', {
      changes: { from: before ?? DEFAULT_PROFILE, to: profile },
    });
    return profile;
  });
}
