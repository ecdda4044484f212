// A directory entry's card as one helpline sees it — its own entries and the national ones — for
// referrals in its records and cards sent in its chats. Another helpline's entry is not found.
import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../auth/policy.js';
import { buildCards, type DirectoryCard } from './directoryCards.js';

export interface ReferralCard {
  card: DirectoryCard;
  /** The entry's taxonomy terms with their ancestors, as the search index has them. */
  termIds: string[];
}

/** The card of `serviceId` if `tenantId`'s helpline sees it, else 404 directory.not_found. `db` may be a transaction. */
export async function referralCard(db: Database, actor: Actor, tenantId: string, serviceId: string, now: Date): Promise<ReferralCard> {
  const found = await db
    .selectFrom('directory_services')
    .select(['service_id', 'tenant_id', 'name', 'organization_name', 'min_age', 'max_age', 'free', 'assured_date', 'term_ids'])
    .where('service_id', '=', serviceId)
    .where((eb) => eb.or([eb('tenant_id', 'is', null), eb('tenant_id', '=', tenantId)]))
    .executeTakeFirst();
  if (!found) throw new AppError('directory.not_found');
  const { term_ids, ...indexed } = found;
  // Whether it is open now is not part of what a referral keeps or a chat card says.
  const [card] = await buildCards(db, actor, now, [{ ...indexed, open_now: null }]);
  return { card: card!, termIds: term_ids };
}
