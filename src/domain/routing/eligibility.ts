// Who may be offered what: presence, capacity per channel, targets that widen with time,
// language and skills, and care plans. Pure functions over the state and the settings.
import { RISK_RANK } from './priority.js';
import type { RoutingState } from './state.js';
import { isText, type Channel, type Contact, type Counsellor, type RoutingSettings } from './types.js';

export type SettingsOf = (serviceId: string) => RoutingSettings;

/** Room for one more contact on this channel: voice 1; chat and messenger share `chatCapacity`. */
export function hasCapacity(state: RoutingState, c: Counsellor, channel: Channel, settings: RoutingSettings): boolean {
  const voice = state.loadOf(c, 'voice');
  if (!isText(channel)) return voice === 0;
  if (settings.voiceBlocksText && voice > 0) return false;
  return state.loadOf(c, 'chat') < settings.chatCapacity;
}

/** Target tier of a counsellor for a contact at `now`: 0 own service, 1 partner, 2 national backup; null if not (yet) a target. */
export function tierOf(contact: Contact, c: Counsellor, now: number, settingsOf: SettingsOf): 0 | 1 | 2 | null {
  if (c.serviceId === contact.serviceId) return 0;
  const home = settingsOf(contact.serviceId);
  const waited = (now - contact.queuedAt) / 1000;
  if (home.partnerServiceIds.includes(c.serviceId) && waited >= home.partnerAfterSeconds) return 1;
  if (home.nationalBackupAfterSeconds !== null && waited >= home.nationalBackupAfterSeconds && settingsOf(c.serviceId).nationalBackup)
    return 2;
  return null;
}

/**
 * A care plan holds the contact for its preferred counsellor for a while, unless the risk is high or
 * the preferred counsellor is away, works for a service that is no target of the contact (yet), or
 * has already declined it or let the offer lapse.
 */
export function carePlanHolds(state: RoutingState, contact: Contact, now: number, settingsOf: SettingsOf): boolean {
  if (!contact.carePlan || RISK_RANK[contact.risk] >= RISK_RANK.high) return false;
  if (contact.carePlan.preferredStaffId in contact.skippedUntil) return false;
  // Nobody waits for a counsellor who is not at the desk, or who works for a service this contact cannot go to now.
  const preferred = state.counsellors.get(contact.carePlan.preferredStaffId);
  if (preferred?.presence !== 'available' || tierOf(contact, preferred, now, settingsOf) === null) return false;
  return now - contact.queuedAt < settingsOf(contact.serviceId).carePlanSeconds * 1000;
}

export function speaks(contact: Contact, c: Counsellor): boolean {
  const lang = contact.attributes.language;
  if (lang && c.languages.length > 0 && !c.languages.includes(lang)) return false;
  return contact.attributes.skills.every((s) => c.skills.includes(s));
}

/** Whether the engine may offer this waiting contact to this counsellor now; returns the tier or null. */
export function eligibleTier(state: RoutingState, contact: Contact, c: Counsellor, now: number, settingsOf: SettingsOf): 0 | 1 | 2 | null {
  if (c.presence !== 'available') return null;
  if ((contact.skippedUntil[c.staffId] ?? 0) > now) return null;
  if (carePlanHolds(state, contact, now, settingsOf) && contact.carePlan?.preferredStaffId !== c.staffId) return null;
  const tier = tierOf(contact, c, now, settingsOf);
  if (tier === null || !speaks(contact, c)) return null;
  return hasCapacity(state, c, contact.channel, settingsOf(c.serviceId)) ? tier : null;
}

/** For targeted offers (assign, transfer): only presence and capacity matter. */
export function canTakeTargeted(state: RoutingState, c: Counsellor, channel: Channel, settingsOf: SettingsOf): boolean {
  return c.presence === 'available' && hasCapacity(state, c, channel, settingsOf(c.serviceId));
}

/** The next instant at which this waiting contact's eligibility changes by itself (null if never). */
export function nextThreshold(contact: Contact, now: number, settingsOf: SettingsOf): number | null {
  const s = settingsOf(contact.serviceId);
  const candidates = [contact.queuedAt + s.maxWaitSeconds * 1000];
  if (s.partnerServiceIds.length > 0) candidates.push(contact.queuedAt + s.partnerAfterSeconds * 1000);
  if (s.nationalBackupAfterSeconds !== null) candidates.push(contact.queuedAt + s.nationalBackupAfterSeconds * 1000);
  if (contact.carePlan) candidates.push(contact.queuedAt + s.carePlanSeconds * 1000);
  for (const until of Object.values(contact.skippedUntil)) candidates.push(until);
  const future = candidates.filter((t) => t > now);
  return future.length > 0 ? Math.min(...future) : null;
}
