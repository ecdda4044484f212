// The demo network's referral directory: where the Kovrov (Vladimir region) and Leningrad region
// helplines send callers, and national entries everyone sees. Organisations, addresses and phone
// numbers are invented, except the national children's helpline 8-800-2000-122; the agencies' e-mail
// addresses are under the reserved .example domain. One entry was last verified over a year ago, so
// the stale flag shows.
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { putRows } from '../directory/directoryStore.js';
import { entryRows } from '../directory/entryRows.js';
import { entryInputSchema, type EntryInput } from '../directory/entrySchemas.js';
import { reindexServices } from '../directory/serviceIndex.js';
import { uuidV5 } from '../directory/stableIds.js';
import { termId } from '../directory/taxonomySeed.js';

type Day = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU';
const WEEKDAYS: Day[] = ['MO', 'TU', 'WE', 'TH', 'FR'];
const EVERY_DAY: Day[] = [...WEEKDAYS, 'SA', 'SU'];
const hours = (days: Day[], opens: string, closes: string) => ({ days, opens, closes });

interface DemoEntry {
  key: string;
  /** Which demo helpline owns it (null: national). */
  owner: 'kovrov' | 'lenobl' | null;
  /** How many days ago it was last verified. */
  verifiedDaysAgo: number;
  entry: Partial<EntryInput> & { name: string; termCodes: string[] };
}

const ENTRIES: DemoEntry[] = [
  {
    key: 'national-helpline',
    owner: null,
    verifiedDaysAgo: 20,
    entry: {
      name: 'Детский телефон доверия',
      organizationName: 'Фонд поддержки детей, находящихся в трудной жизненной ситуации',
      description: 'Единый общероссийский номер детского телефона доверия: звонок переадресуется в службу региона, откуда звонят.',
      phones: [{ number: '8-800-2000-122', description: 'бесплатно, анонимно, с любого телефона' }],
      schedules: [hours(EVERY_DAY, '00:00', '24:00')],
      areaCodes: ['RU'],
      termCodes: ['hotlines.children'],
      minAge: 0,
      maxAge: 18,
      free: true,
      referralNote: 'Можно звонить в любое время, называть себя не нужно.',
    },
  },
  {
    key: 'national-violence-line',
    owner: null,
    verifiedDaysAgo: 45,
    entry: {
      name: 'Всероссийская горячая линия помощи пострадавшим от домашнего насилия',
      organizationName: 'Национальный центр помощи пострадавшим от насилия (демо)',
      description: 'Консультации психологов и юристов для женщин и подростков, переживающих насилие в семье.',
      phones: [{ number: '8-800-000-00-01', description: 'бесплатно по России' }],
      schedules: [hours(EVERY_DAY, '09:00', '21:00')],
      areaCodes: ['RU'],
      termCodes: ['hotlines.violence', 'crisis.violence'],
      minAge: 14,
      free: true,
      referralNote: 'Подскажите, что звонить можно анонимно; при угрозе жизни — сначала 112.',
    },
  },
  {
    key: 'national-online-line',
    owner: null,
    verifiedDaysAgo: 400,
    entry: {
      name: 'Линия помощи при угрозах в интернете',
      organizationName: 'Центр безопасного интернета (демо)',
      description: 'Помощь детям и родителям при кибербуллинге, шантаже и мошенничестве в сети.',
      phones: [{ number: '8-800-000-00-02', description: 'бесплатно' }],
      schedules: [hours(WEEKDAYS, '09:00', '18:00')],
      areaCodes: ['RU'],
      termCodes: ['hotlines.online'],
      minAge: 7,
      maxAge: 18,
      free: true,
    },
  },
  {
    key: 'vla-crisis-children',
    owner: 'kovrov',
    verifiedDaysAgo: 30,
    entry: {
      name: 'Кризисный центр для детей и подростков «Маяк»',
      organizationName: 'ГБУСО ВО «Владимирский социально-реабилитационный центр для несовершеннолетних» (демо)',
      description:
        'Экстренная психологическая помощь детям и подросткам в кризисной ситуации: насилие, уход из дома, суицидальные мысли. Возможно временное проживание.',
      phones: [
        { number: '+7 (4922) 00-11-01', description: 'дежурный психолог' },
        { number: '+7 (4922) 00-11-02', description: 'администратор' },
      ],
      address: { address1: 'ул. Примерная, д. 12', city: 'Владимир', region: 'Владимирская область', postalCode: '600000' },
      schedules: [hours(WEEKDAYS, '09:00', '20:00'), hours(['SA'], '10:00', '16:00')],
      areaCodes: ['RU-VLA'],
      termCodes: ['crisis.children', 'crisis.suicide'],
      minAge: 7,
      maxAge: 18,
      free: true,
      referralNote: 'Скажите, что вас направил детский телефон доверия; подросток может прийти сам, без родителей.',
    },
  },
  {
    key: 'vla-opeka',
    owner: 'kovrov',
    verifiedDaysAgo: 60,
    entry: {
      name: 'Отдел опеки и попечительства администрации города Коврова',
      organizationName: 'Администрация города Коврова (демо)',
      description: 'Защита прав детей, проверка условий жизни ребёнка в семье, устройство детей без попечения родителей.',
      phones: [{ number: '+7 (49232) 0-12-34', description: null }],
      email: 'opeka@kovrov.example',
      address: { address1: 'ул. Условная, д. 5, каб. 14', city: 'Ковров', region: 'Владимирская область', postalCode: '601900' },
      schedules: [hours(['MO', 'TU', 'WE', 'TH'], '08:30', '17:30'), hours(['FR'], '08:30', '16:30')],
      areaCodes: ['RU-VLA'],
      termCodes: ['opeka.family_check', 'opeka.placement'],
      free: true,
      referralNote: 'Сообщение о ребёнке в опасности можно передать письменно или по телефону; аноним тоже принимают.',
    },
  },
  {
    key: 'vla-pdn',
    owner: 'kovrov',
    verifiedDaysAgo: 90,
    entry: {
      name: 'Отделение по делам несовершеннолетних ОМВД России по г. Коврову',
      organizationName: 'ОМВД России по г. Коврову (демо)',
      description: 'Инспекторы ПДН: насилие над детьми, уход из дома, вовлечение в преступления.',
      phones: [
        { number: '+7 (49232) 0-02-02', description: 'инспекторы ПДН' },
        { number: '102', description: 'дежурная часть, круглосуточно' },
      ],
      email: 'pdn@kovrov.example',
      address: { address1: 'ул. Вымышленная, д. 3', city: 'Ковров', region: 'Владимирская область', postalCode: '601900' },
      schedules: [hours(WEEKDAYS, '09:00', '18:00')],
      areaCodes: ['RU-VLA'],
      termCodes: ['pdn.inspector'],
      free: true,
    },
  },
  {
    key: 'vla-ppms',
    owner: 'kovrov',
    verifiedDaysAgo: 15,
    entry: {
      name: 'Ковровский центр психолого-педагогической, медицинской и социальной помощи',
      organizationName: 'МБУ «ЦППМСП г. Коврова» (демо)',
      description: 'Бесплатная психологическая помощь детям, подросткам и родителям, консультации логопеда и дефектолога.',
      phones: [{ number: '+7 (49232) 0-45-67', description: 'запись на консультацию' }],
      address: { address1: 'пр-т Образцовый, д. 20', city: 'Ковров', region: 'Владимирская область', postalCode: '601900' },
      schedules: [hours(WEEKDAYS, '08:00', '19:00')],
      areaCodes: ['RU-VLA'],
      termCodes: ['ppms.children', 'ppms.parents'],
      minAge: 3,
      maxAge: 18,
      free: true,
      referralNote: 'Подростки с 15 лет могут записаться сами; младшим нужен родитель.',
    },
  },
  {
    key: 'vla-psychiatry',
    owner: 'kovrov',
    verifiedDaysAgo: 120,
    entry: {
      name: 'Детское психиатрическое отделение областной психиатрической больницы',
      organizationName: 'ГБУЗ ВО «Областная психиатрическая больница» (демо)',
      description: 'Амбулаторный приём детского психиатра, суицидологический кабинет для подростков.',
      phones: [{ number: '+7 (4922) 00-33-44', description: 'регистратура детского отделения' }],
      address: { address1: 'ул. Тестовая, д. 7', city: 'Владимир', region: 'Владимирская область', postalCode: '600000' },
      schedules: [hours(WEEKDAYS, '08:00', '16:00')],
      areaCodes: ['RU-VLA'],
      termCodes: ['psychiatry.children', 'psychiatry.suicidology'],
      minAge: 0,
      maxAge: 17,
      free: true,
      referralNote: 'Нужен полис ОМС; до 15 лет приём с родителем или законным представителем.',
    },
  },
  {
    key: 'vla-kdn',
    owner: 'kovrov',
    verifiedDaysAgo: 200,
    entry: {
      name: 'Комиссия по делам несовершеннолетних и защите их прав города Коврова',
      organizationName: 'Администрация города Коврова (демо)',
      phones: [{ number: '+7 (49232) 0-56-78', description: null }],
      email: 'kdn@kovrov.example',
      address: { address1: 'ул. Условная, д. 5, каб. 22', city: 'Ковров', region: 'Владимирская область', postalCode: '601900' },
      schedules: [hours(WEEKDAYS, '09:00', '17:00')],
      areaCodes: ['RU-VLA'],
      termCodes: ['kdn.municipal'],
      free: true,
    },
  },
  {
    key: 'vla-narcology',
    owner: 'kovrov',
    verifiedDaysAgo: 75,
    entry: {
      name: 'Подростковый наркологический кабинет',
      organizationName: 'ГБУЗ ВО «Областной наркологический диспансер» (демо)',
      description: 'Анонимные консультации подростков и родителей при употреблении алкоголя, наркотиков, вейпов.',
      phones: [{ number: '+7 (4922) 00-77-88', description: 'анонимно' }],
      address: { address1: 'ул. Примерная, д. 40', city: 'Владимир', region: 'Владимирская область', postalCode: '600000' },
      schedules: [hours(WEEKDAYS, '10:00', '18:00')],
      areaCodes: ['RU-VLA'],
      termCodes: ['narcology.teen', 'narcology.anonymous'],
      minAge: 12,
      maxAge: 18,
      free: true,
    },
  },
  {
    key: 'len-ppms',
    owner: 'lenobl',
    verifiedDaysAgo: 10,
    entry: {
      name: 'Гатчинский центр психолого-педагогической помощи «Диалог»',
      organizationName: 'МБУ ДО «Центр «Диалог» (демо)',
      description: 'Психологическое консультирование детей, подростков и семей, школьная медиация.',
      phones: [{ number: '+7 (81371) 0-10-10', description: null }],
      address: { address1: 'ул. Образцовая, д. 1', city: 'Гатчина', region: 'Ленинградская область', postalCode: '188300' },
      schedules: [hours(WEEKDAYS, '09:00', '19:00')],
      areaCodes: ['RU-LEN'],
      termCodes: ['ppms.children', 'education.mediation'],
      minAge: 5,
      maxAge: 18,
      free: true,
    },
  },
  {
    key: 'len-crisis-women',
    owner: 'lenobl',
    verifiedDaysAgo: 40,
    entry: {
      name: 'Кризисное отделение для женщин с детьми',
      organizationName: 'ЛОГБУ «Центр социальной помощи семье и детям» (демо)',
      description: 'Временное проживание и психологическая помощь женщинам с детьми, пострадавшим от насилия.',
      phones: [{ number: '+7 (813) 000-20-20', description: 'круглосуточно' }],
      address: { address1: 'ул. Вымышленная, д. 9', city: 'Всеволожск', region: 'Ленинградская область', postalCode: '188640' },
      schedules: [hours(EVERY_DAY, '00:00', '24:00')],
      areaCodes: ['RU-LEN', 'RU-SPE'],
      termCodes: ['crisis.women_children', 'shelter.family'],
      free: true,
      referralNote: 'Приём по направлению или при личном обращении; при себе желательно иметь документы.',
    },
  },
  {
    key: 'len-legal',
    owner: 'lenobl',
    verifiedDaysAgo: 100,
    entry: {
      name: 'Юридическая клиника для подростков и семей',
      organizationName: 'Ассоциация юристов (демо)',
      description: 'Консультации по защите прав ребёнка, алиментам, жилью; помощь в составлении заявлений.',
      phones: [{ number: '+7 (812) 000-30-30', description: null }],
      schedules: [hours(['TU', 'TH'], '15:00', '20:00')],
      areaCodes: ['RU-LEN', 'RU-SPE'],
      termCodes: ['legal.free'],
      minAge: 14,
      free: false,
      feesDescription: 'Первая консультация бесплатно, далее по договору.',
    },
  },
];

/** Writes the demo entries (inside the demo seed's transaction) and indexes them. */
export async function seedDemoDirectory(tx: Transaction<DB>, now: Date, tenants: { kovrov: string; lenobl: string }): Promise<void> {
  const serviceIds: string[] = [];
  for (const d of ENTRIES) {
    const verified = new Date(now.getTime() - d.verifiedDaysAgo * 86_400_000).toISOString().slice(0, 10);
    const { termCodes, ...fields } = d.entry;
    const input = entryInputSchema.parse({ ...fields, termIds: termCodes.map(termId), assuredDate: verified });
    const id = uuidV5(`demo:${d.key}`);
    const tenantId = d.owner === null ? null : tenants[d.owner];
    await putRows(tx, { tenantId, actorId: null, at: now }, entryRows(id, input, null, now, 3).rows);
    serviceIds.push(id);
  }
  await reindexServices(tx, serviceIds, now);
}
