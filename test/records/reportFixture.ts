// Test records for the journal and the report, written straight into contact_records (with their
// reasons) and counted in the rollups exactly as statsKeys.ts says one record counts — independent
// of the record commands, so the report and journal are tested on their own.
import { randomUUID } from 'node:crypto';
import type { Database } from '../../src/db/database.js';
import type { RecordStatus } from '../../src/db/schema.js';
import { REASON_CODES, seedClassification } from '../../src/domain/records/classificationSeed.js';
import { classificationKeys, localParts, routingKeys, type RoutedContact } from '../../src/domain/records/statsKeys.js';
import { applyStatDeltas } from '../../src/domain/records/statsRollup.js';
import { ageGroupOf } from '../../src/domain/records/vocabulary.js';

const ROW_OF = new Map(REASON_CODES.map((r) => [r.code, r.nationalRow]));

export interface FixtureRecord {
  serviceId: string;
  timeZone: string;
  /** An instant, e.g. '2025-10-01T05:00:00Z'. */
  at: string;
  status?: RecordStatus;
  staffId?: string | null;
  channel: string;
  type: string | null;
  caller?: string | null;
  /** The child's age; its group is derived as the record commands derive it. */
  age?: number | null;
  gender?: string | null;
  risk?: string;
  region?: string | null;
  repeat?: boolean;
  reasons?: string[];
  /** The routing outcome (a queued contact); absent for a contact made by hand. */
  routing?: Omit<RoutedContact, 'queued' | 'afterGreeting' | 'answeredByPartner' | 'talkMs' | 'wrapMs'> &
    Partial<Pick<RoutedContact, 'afterGreeting' | 'answeredByPartner' | 'talkMs' | 'wrapMs'>>;
}

export async function seedReasons(db: Database): Promise<void> {
  await seedClassification(db);
}

/** Inserts one record and counts it: classification when final, routing when it was queued. */
export async function insertRecord(db: Database, r: FixtureRecord): Promise<string> {
  const id = randomUUID();
  const at = new Date(r.at);
  const local = localParts(at, r.timeZone);
  const status = r.status ?? 'final';
  const ageGroup = r.age === undefined ? null : ageGroupOf(r.age);
  const routed: RoutedContact | null = r.routing
    ? {
        queued: true,
        afterGreeting: null,
        answeredByPartner: false,
        talkMs: null,
        wrapMs: null,
        ...r.routing,
      }
    : null;
  await db
    .insertInto('contact_records')
    .values({
      id,
      service_id: r.serviceId,
      origin: routed ? 'routing' : 'manual',
      status,
      classification_version: 1,
      staff_id: r.staffId ?? null,
      channel: r.channel,
      repeat_contact: r.repeat ?? false,
      contact_type: r.type,
      caller_type: r.caller ?? null,
      child_gender: r.gender ?? null,
      child_age: r.age ?? null,
      age_group: ageGroup,
      region: r.region ?? null,
      risk_level: r.risk ?? 'unknown',
      arrived_at: at,
      outcome: routed?.outcome ?? null,
      wait_ms: routed?.waitMs ?? null,
      talk_ms: routed?.talkMs ?? null,
      wrap_ms: routed?.wrapMs ?? null,
      stats_day: local.day,
      routing_counted: routed !== null,
      created_at: at,
      updated_at: at,
      finalized_at: status === 'final' ? at : null,
    })
    .execute();
  const reasons = r.reasons ?? [];
  if (reasons.length > 0) {
    await db
      .insertInto('contact_record_reasons')
      .values(reasons.map((code, i) => ({ record_id: id, service_id: r.serviceId, code, position: i + 1 })))
      .execute();
  }
  if (status === 'final' && r.type !== null) {
    const keys = classificationKeys({
      contactType: r.type,
      channel: r.channel,
      callerType: r.caller ?? null,
      ageGroup,
      childGender: r.gender ?? null,
      riskLevel: r.risk ?? 'unknown',
      repeatContact: r.repeat ?? false,
      reasons: reasons.map((code) => ({ code, nationalRow: ROW_OF.get(code) ?? 'other' })),
      localHour: local.hour,
      localWeekday: local.weekday,
    });
    await applyStatDeltas(db, [{ serviceId: r.serviceId, day: local.day, keys, sign: 1 }]);
  }
  if (routed) await applyStatDeltas(db, [{ serviceId: r.serviceId, day: local.day, keys: routingKeys(routed), sign: 1 }]);
  return id;
}

/** A service with a given region and time zone, created directly in the database. */
export async function serviceIn(db: Database, region: string, timeZone: string, name = `Служба ${randomUUID().slice(0, 8)}`) {
  return db
    .insertInto('services')
    .values({ name, name_key: name.toLowerCase(), region, time_zone: timeZone, settings: '{}' })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
}

export const TVER = 'Тверская область';
export const YAKUTIA = 'Республика Саха (Якутия)';
/** The period of the hand-counted fixture: a partial September, the whole of October, a partial November. */
export const PERIOD = { from: '2025-09-25', to: '2025-11-05' };

/**
 * Two services in two regions: S1 in Tver (Moscow time, UTC+3) and S2 in Yakutia (UTC+9). The
 * expected numbers in report.test.ts are counted by hand from this list. Records marked "out" fall
 * outside the period in the service's local time (though not always in UTC), and the draft counts
 * only in the routing figures.
 */
export async function twoServices(db: Database): Promise<{ s1: string; s2: string }> {
  await seedReasons(db);
  const s1 = (await serviceIn(db, TVER, 'Europe/Moscow')).id;
  const s2 = (await serviceIn(db, YAKUTIA, 'Asia/Yakutsk')).id;
  const one = { serviceId: s1, timeZone: 'Europe/Moscow' };
  const two = { serviceId: s2, timeZone: 'Asia/Yakutsk' };
  const answered = (waitS: number, talkS: number, wrapS: number, partner = false) => ({
    outcome: 'answered' as const,
    waitMs: waitS * 1000,
    talkMs: talkS * 1000,
    wrapMs: wrapS * 1000,
    answeredByPartner: partner,
  });
  const records: FixtureRecord[] = [
    // S1, local time in comments.
    {
      ...one,
      at: '2025-09-25T07:00:00Z',
      channel: 'voice',
      type: 'counselling',
      caller: 'child',
      age: 12,
      gender: 'girl',
      risk: 'low',
      reasons: ['school.exams', 'school.performance'],
      routing: answered(10, 300, 60),
    }, // Thu 10:00
    {
      ...one,
      at: '2025-09-30T20:30:00Z',
      channel: 'chat',
      type: 'counselling',
      caller: 'child',
      age: 16,
      gender: 'boy',
      risk: 'moderate',
      repeat: true,
      reasons: ['suicidal.thoughts', 'mental_state.anxiety'],
      routing: answered(30, 600, 0),
    }, // Tue 23:30
    { ...one, at: '2025-10-01T05:00:00Z', channel: 'voice', type: 'silent', routing: answered(3, 20, 0) }, // Wed 08:00
    {
      ...one,
      at: '2025-10-15T12:00:00Z',
      channel: 'voice',
      type: 'counselling',
      caller: 'parent',
      age: 8,
      gender: 'girl',
      risk: 'none',
      reasons: ['parent_child.parenting'],
      routing: answered(0, 900, 100),
    }, // Wed 15:00
    {
      ...one,
      at: '2025-10-31T21:30:00Z',
      channel: 'chat',
      type: 'counselling',
      caller: 'child',
      age: 16,
      gender: 'girl',
      risk: 'high',
      reasons: ['cruelty_peers.bullying_school', 'cruelty_peers.cyberbullying', 'school.teacher_conflict'],
      routing: answered(15, 1200, 0),
    }, // Sat 1 Nov 00:30
    { ...one, at: '2025-11-03T09:00:00Z', channel: 'voice', type: 'prank', routing: answered(2, 30, 0) }, // Mon 12:00
    {
      ...one,
      at: '2025-11-05T20:59:00Z',
      channel: 'voice',
      type: 'missed',
      routing: { outcome: 'abandoned', waitMs: 40_000, afterGreeting: true },
    }, // Wed 23:59
    { ...one, at: '2025-10-10T10:00:00Z', channel: 'voice', type: 'missed', routing: { outcome: 'abandoned', waitMs: 3_000 } }, // Fri 13:00, a short abandon
    {
      ...one,
      at: '2025-10-12T10:00:00Z',
      status: 'draft',
      channel: 'chat',
      type: 'counselling',
      caller: 'child',
      reasons: ['peers.romantic'],
      routing: answered(25, 200, 0),
    }, // Sun 13:00, draft
    {
      ...one,
      at: '2025-09-24T20:00:00Z',
      channel: 'voice',
      type: 'counselling',
      caller: 'child',
      age: 12,
      gender: 'boy',
      risk: 'low',
      reasons: ['peers.loneliness'],
      routing: answered(1, 100, 0),
    }, // out: 24 Sep 23:00
    { ...one, at: '2025-11-05T21:30:00Z', channel: 'voice', type: 'silent', routing: answered(1, 10, 0) }, // out: 6 Nov 00:30
    // S2.
    {
      ...two,
      at: '2025-09-24T15:30:00Z',
      channel: 'voice',
      type: 'counselling',
      caller: 'child',
      age: 16,
      gender: 'girl',
      risk: 'moderate',
      reasons: ['suicidal.self_harm'],
      routing: answered(20, 500, 40),
    }, // Thu 25 Sep 00:30
    {
      ...two,
      at: '2025-09-30T16:00:00Z',
      channel: 'voice',
      type: 'counselling',
      caller: 'child',
      age: 12,
      gender: 'boy',
      risk: 'none',
      reasons: ['peers.loneliness'],
      routing: answered(5, 400, 20, true),
    }, // Wed 1 Oct 01:00
    {
      ...two,
      at: '2025-10-20T03:00:00Z',
      channel: 'chat',
      type: 'counselling',
      caller: 'child',
      age: 13,
      gender: 'girl',
      risk: 'low',
      reasons: ['peers.friendship', 'school.exams'],
      routing: answered(50, 700, 0),
    }, // Mon 12:00
    {
      ...two,
      at: '2025-11-04T14:30:00Z',
      channel: 'messenger',
      type: 'counselling',
      caller: 'other_adult',
      age: 35,
      gender: 'unknown',
      reasons: ['health_sexuality.pregnancy'],
    }, // Tue 23:30, by hand
    { ...two, at: '2025-10-05T00:00:00Z', channel: 'chat', type: 'silent', routing: { outcome: 'expired', waitMs: 120_000 } }, // Sun 09:00
    {
      ...two,
      at: '2025-10-06T00:00:00Z',
      channel: 'voice',
      type: 'dropped',
      routing: { outcome: 'abandoned', waitMs: 8_000, afterGreeting: false },
    }, // Mon 09:00
    {
      ...two,
      at: '2025-11-05T15:30:00Z',
      channel: 'chat',
      type: 'counselling',
      caller: 'child',
      age: 16,
      gender: 'girl',
      risk: 'low',
      reasons: ['school.exams'],
      routing: answered(1, 100, 0),
    }, // out: 6 Nov 00:30
  ];
  for (const r of records) await insertRecord(db, r);
  return { s1, s2 };
}
