// Doverie's national taxonomy of help for children and families: where a helpline refers a caller
// (guardianship authorities, the juvenile commissions and police, psychological, crisis, psychiatric
// and addiction care, shelters, legal aid, clinics, schools, other hotlines). An HSDS taxonomy row
// and its taxonomy_term rows, national (tenant null), with ids derived from the codes so every
// install has the same ones. Heads add their own terms under these (tenant = their helpline).
import type { Kysely } from 'kysely';
import type { DB, HsdsData } from '../../db/schema.js';
import { linksOf } from './directoryStore.js';
import { uuidV5 } from './stableIds.js';

export const TAXONOMY_ID = uuidV5('taxonomy:doverie');
export const TAXONOMY_NAME = 'Доверие: помощь детям и семьям';
/** Fixed, so that seeding any database gives the same rows. */
const SEEDED_AT = new Date('2026-11-24T00:00:00Z');

/** The id of a national term by its code, e.g. termId('crisis.children'). */
export const termId = (code: string): string => uuidV5(`taxonomy_term:${code}`);

interface TermDef {
  code: string;
  name: string;
  description: string;
  children?: { code: string; name: string; description?: string }[];
}

const TREE: TermDef[] = [
  {
    code: 'opeka',
    name: 'Органы опеки и попечительства',
    description: 'Защита прав и интересов детей, оставшихся без попечения родителей и находящихся в трудной ситуации в семье.',
    children: [
      { code: 'opeka.family_check', name: 'Проверка условий жизни ребёнка в семье' },
      { code: 'opeka.placement', name: 'Устройство детей, оставшихся без попечения родителей' },
      { code: 'opeka.foster', name: 'Приёмные семьи, опека, усыновление' },
    ],
  },
  {
    code: 'kdn',
    name: 'Комиссии по делам несовершеннолетних и защите их прав (КДН и ЗП)',
    description: 'Профилактика безнадзорности и правонарушений несовершеннолетних, защита их прав.',
    children: [
      { code: 'kdn.municipal', name: 'Районная (городская) КДН и ЗП' },
      { code: 'kdn.regional', name: 'Региональная КДН и ЗП' },
    ],
  },
  {
    code: 'pdn',
    name: 'Подразделения по делам несовершеннолетних (ПДН) полиции',
    description: 'Инспекторы полиции по делам несовершеннолетних: насилие, уход из дома, правонарушения.',
    children: [
      { code: 'pdn.inspector', name: 'Инспектор ПДН отдела полиции' },
      { code: 'pdn.duty', name: 'Дежурная часть полиции' },
    ],
  },
  {
    code: 'ppms',
    name: 'Центры психолого-педагогической, медицинской и социальной помощи (ЦППМСП)',
    description: 'Бесплатная психологическая помощь детям, подросткам и родителям.',
    children: [
      { code: 'ppms.children', name: 'Психологическое консультирование детей и подростков' },
      { code: 'ppms.parents', name: 'Консультирование родителей' },
      { code: 'ppms.speech', name: 'Логопедическая и дефектологическая помощь' },
      { code: 'ppms.pmpk', name: 'Психолого-медико-педагогическая комиссия (ПМПК)' },
    ],
  },
  {
    code: 'crisis',
    name: 'Кризисные центры',
    description: 'Экстренная психологическая помощь и временное проживание в кризисной ситуации.',
    children: [
      { code: 'crisis.children', name: 'Кризисные центры для детей и подростков' },
      { code: 'crisis.women_children', name: 'Кризисные центры для женщин с детьми' },
      { code: 'crisis.violence', name: 'Помощь пострадавшим от насилия' },
      { code: 'crisis.suicide', name: 'Помощь при суицидальном кризисе' },
    ],
  },
  {
    code: 'psychiatry',
    name: 'Психиатрическая помощь',
    description: 'Психиатрическая и психотерапевтическая помощь детям и подросткам.',
    children: [
      { code: 'psychiatry.children', name: 'Детская и подростковая психиатрия' },
      { code: 'psychiatry.dispensary', name: 'Психоневрологический диспансер' },
      { code: 'psychiatry.suicidology', name: 'Кабинет суицидальной превенции' },
    ],
  },
  {
    code: 'narcology',
    name: 'Наркологическая помощь',
    description: 'Помощь при употреблении алкоголя, наркотиков и других психоактивных веществ.',
    children: [
      { code: 'narcology.teen', name: 'Подростковая наркология' },
      { code: 'narcology.anonymous', name: 'Анонимное консультирование и лечение' },
      { code: 'narcology.rehab', name: 'Реабилитация зависимых' },
    ],
  },
  {
    code: 'shelter',
    name: 'Социальные приюты и центры',
    description: 'Временное проживание и социальная реабилитация детей и семей.',
    children: [
      { code: 'shelter.srcn', name: 'Социально-реабилитационные центры для несовершеннолетних (СРЦН)' },
      { code: 'shelter.children', name: 'Социальные приюты для детей' },
      { code: 'shelter.family', name: 'Центры социальной помощи семье и детям' },
    ],
  },
  {
    code: 'legal',
    name: 'Юридическая помощь',
    description: 'Защита прав ребёнка и семьи, бесплатные консультации юристов.',
    children: [
      { code: 'legal.free', name: 'Бесплатная юридическая помощь' },
      { code: 'legal.ombudsman', name: 'Уполномоченный по правам ребёнка' },
      { code: 'legal.prosecutor', name: 'Прокуратура' },
    ],
  },
  {
    code: 'medical',
    name: 'Медицинские организации',
    description: 'Детские поликлиники и больницы, женские консультации, скорая помощь.',
    children: [
      { code: 'medical.polyclinic', name: 'Детские поликлиники' },
      { code: 'medical.hospital', name: 'Детские больницы' },
      { code: 'medical.youth_clinic', name: 'Клиники, дружественные к молодёжи' },
      { code: 'medical.womens', name: 'Женские консультации' },
    ],
  },
  {
    code: 'education',
    name: 'Школы и образование',
    description: 'Школьные службы помощи и органы управления образованием.',
    children: [
      { code: 'education.mediation', name: 'Школьные службы медиации (примирения)' },
      { code: 'education.psychologist', name: 'Школьный психолог' },
      { code: 'education.authority', name: 'Органы управления образованием' },
      { code: 'education.career', name: 'Профориентация' },
    ],
  },
  {
    code: 'social',
    name: 'Социальная защита',
    description: 'Меры поддержки семей с детьми, пособия, социальное сопровождение.',
    children: [
      { code: 'social.office', name: 'Управления социальной защиты населения' },
      { code: 'social.support', name: 'Социальное сопровождение семей' },
    ],
  },
  {
    code: 'hotlines',
    name: 'Другие телефоны доверия и горячие линии',
    description: 'Телефоны доверия и горячие линии, куда можно направить абонента.',
    children: [
      { code: 'hotlines.children', name: 'Детские телефоны доверия' },
      { code: 'hotlines.adults', name: 'Телефоны доверия для взрослых' },
      { code: 'hotlines.violence', name: 'Горячие линии для пострадавших от насилия' },
      { code: 'hotlines.online', name: 'Помощь при угрозах в интернете' },
    ],
  },
];

export interface SeedTerm {
  id: string;
  code: string;
  name: string;
  description: string;
  parentId: string | null;
}

export const NATIONAL_TERMS: readonly SeedTerm[] = TREE.flatMap((t) => [
  { id: termId(t.code), code: t.code, name: t.name, description: t.description, parentId: null },
  ...(t.children ?? []).map((c) => ({
    id: termId(c.code),
    code: c.code,
    name: c.name,
    description: c.description ?? `${c.name}.`,
    parentId: termId(t.code),
  })),
]);

/** The HSDS taxonomy_term row of a term of Doverie's taxonomy. */
export function termRow(t: { id: string; code: string; name: string; description: string; parentId: string | null }): HsdsData {
  return {
    id: t.id,
    code: t.code,
    name: t.name,
    description: t.description,
    parent_id: t.parentId,
    taxonomy: TAXONOMY_NAME,
    language: 'ru',
    taxonomy_id: TAXONOMY_ID,
  };
}

/**
 * Inserts the taxonomy and its national terms. Idempotent and safe to race: rows that exist are
 * skipped and never changed (an admin may have renamed a term). Runs on a transaction or a plain
 * connection alike.
 */
export async function seedDirectoryTaxonomy(db: Kysely<DB>): Promise<void> {
  const rows = [
    {
      kind: 'taxonomy' as const,
      data: {
        id: TAXONOMY_ID,
        name: TAXONOMY_NAME,
        description: 'Куда детский телефон доверия направляет за помощью: службы защиты детства, помощи и поддержки в России.',
        version: '2026.1',
      },
    },
    ...NATIONAL_TERMS.map((t) => ({ kind: 'taxonomy_term' as const, data: termRow(t) })),
  ];
  await db
    .insertInto('directory_rows')
    .values(
      rows.map((r) => ({
        id: String(r.data.id),
        kind: r.kind,
        tenant_id: null,
        links: linksOf(r),
        data: JSON.stringify(r.data),
        created_at: SEEDED_AT,
        updated_at: SEEDED_AT,
        updated_by: null,
      })),
    )
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}
