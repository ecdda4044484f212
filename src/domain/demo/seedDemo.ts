// The demo network created on the first start of an embedded install: two real regional services
// with a counsellor, a supervisor and a head each, one national analyst and one admin, and their referral directory.
// Passwords are generated here and shown once; they are not stored anywhere but as argon2id hashes.
import { seedCannedResponses } from '../chat/cannedResponses.js';
import { inUnit, type UnitDeps } from '../../db/unitOfWork.js';
import type { RoleName } from '../../db/schema.js';
import { appendAudit } from '../audit/appendAudit.js';
import { generatePassword, hashPassword } from '../auth/passwords.js';
import { serviceNameKey } from '../tenants/serviceSchemas.js';
import { seedDemoDirectory } from './demoDirectory.js';

export interface DemoLogin {
  login: string;
  password: string;
  role: RoleName;
  service: string;
}

const SERVICES = [
  {
    key: 'kovrov',
    name: 'Ковровский социально-реабилитационный центр для несовершеннолетних',
    shortName: 'Ковровский СРЦН',
    region: 'Владимирская область',
    timeZone: 'Europe/Moscow',
    staff: [
      { role: 'counsellor', pseudonym: 'Анна', fullName: 'Смирнова Анна Викторовна' },
      { role: 'supervisor', pseudonym: 'Ольга', fullName: 'Кузнецова Ольга Петровна' },
      { role: 'head', pseudonym: 'Елена', fullName: 'Попова Елена Сергеевна' },
      { role: 'methodologist', pseudonym: 'Светлана', fullName: 'Морозова Светлана Юрьевна' },
    ],
  },
  {
    key: 'lenobl',
    name: 'Ленинградский областной центр диагностики и консультирования',
    shortName: 'ЛОЦДК',
    region: 'Ленинградская область',
    timeZone: 'Europe/Moscow',
    staff: [
      { role: 'counsellor', pseudonym: 'Мария', fullName: 'Васильева Мария Андреевна' },
      { role: 'supervisor', pseudonym: 'Ирина', fullName: 'Петрова Ирина Николаевна' },
      { role: 'head', pseudonym: 'Татьяна', fullName: 'Соколова Татьяна Игоревна' },
    ],
  },
] as const;

const NATIONAL = [
  { login: 'analyst', role: 'analyst', pseudonym: 'Аналитик', fullName: 'Михайлова Наталья Олеговна' },
  { login: 'admin', role: 'admin', pseudonym: 'Администратор', fullName: 'Администратор системы' },
] as const;

export const NATIONAL_SCOPE = 'national';

/** Seeds the demo network if the database has no services yet; returns the logins to print (empty if nothing was seeded). */
export async function seedDemoIfEmpty(deps: UnitDeps): Promise<DemoLogin[]> {
  const any = await deps.db.selectFrom('services').select('id').limit(1).executeTakeFirst();
  if (any) return [];

  const people = [
    ...SERVICES.flatMap((s) => s.staff.map((p) => ({ ...p, login: `${s.key}.${p.role}`, service: s.name as string }))),
    ...NATIONAL.map((p) => ({ ...p, service: NATIONAL_SCOPE })),
  ];
  // Hash before the transaction: argon2id is deliberately slow and the embedded database has one connection.
  const withPasswords = await Promise.all(
    people.map(async (p) => {
      const password = generatePassword();
      return { ...p, password, hash: await hashPassword(password) };
    }),
  );

  return inUnit(deps, async (u) => {
    // Another process may have seeded between our check and this transaction.
    if (await u.tx.selectFrom('services').select('id').limit(1).executeTakeFirst()) return [];
    const serviceIds = new Map<string, string>();
    for (const s of SERVICES) {
      const row = await u.tx
        .insertInto('services')
        .values({
          name: s.name,
          name_key: serviceNameKey(s.name),
          short_name: s.shortName,
          region: s.region,
          time_zone: s.timeZone,
          settings: JSON.stringify({ offerTimeoutSeconds: 20, wrapUpSeconds: 60, chatCapacity: 2, publicPhones: ['8-800-2000-122'] }),
          created_at: u.now,
          updated_at: u.now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      serviceIds.set(s.name, row.id);
      await seedCannedResponses(u.tx, row.id, u.now);
      await appendAudit(u.tx, u.now, { actorId: null, serviceId: row.id, action: 'demo.seed', targetType: 'service', targetId: row.id });
    }
    for (const p of withPasswords) {
      const user = await u.tx
        .insertInto('staff_users')
        .values({
          login: p.login,
          pseudonym: p.pseudonym,
          full_name: p.fullName,
          password_hash: p.hash,
          created_at: u.now,
          updated_at: u.now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const serviceId = serviceIds.get(p.service) ?? null;
      await u.tx.insertInto('role_grants').values({ user_id: user.id, service_id: serviceId, role: p.role, created_at: u.now }).execute();
      await appendAudit(u.tx, u.now, {
        actorId: null,
        serviceId,
        action: 'demo.seed',
        targetType: 'staff_user',
        targetId: user.id,
        details: { login: p.login, role: p.role },
      });
    }
    const idOf = (key: (typeof SERVICES)[number]['key']) => serviceIds.get(SERVICES.find((s) => s.key === key)!.name)!;
    await seedDemoDirectory(u.tx, u.now, { kovrov: idOf('kovrov'), lenobl: idOf('lenobl') });
    return withPasswords.map(({ login, password, role, service }) => ({ login, password, role, service }));
  });
}
