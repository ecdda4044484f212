// The national classification of reasons for contact, version 1: category → subcategory, each
// subcategory counted in one row of the national (Fund) report and one CHI-style category.
// The Fund's own form is not public (research/domain.md §2.3), so the rows are the ones regional
// services publish and the mapping is data: a later version may move a code without a code change.
// Who contacted is not a reason (it is the caller type); pranks, silence etc. are contact types.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { ChiCategory, NationalRow } from './vocabulary.js';

export const CURRENT_NATIONAL_VERSION = 1;
export const NATIONAL_VERSION_LABEL = 'Россия, национальная 2026.1';
/** Fixed, so that seeding any database gives the same row. */
export const NATIONAL_VERSION_PUBLISHED_AT = new Date('2026-11-24T00:00:00Z');

export interface ReasonCategorySeed {
  code: string;
  labelRu: string;
  labelEn: string;
  position: number;
}

export interface ReasonCodeSeed {
  code: string;
  categoryCode: string;
  labelRu: string;
  labelEn: string;
  nationalRow: NationalRow;
  chiCategory: ChiCategory;
  position: number;
}

// Written as a tree so a category's usual report row and CHI category are stated once; a
// subcategory overrides them where it is counted elsewhere (e.g. commercial sexual exploitation
// sits with exploitation but is counted as sexual violence in the national report).
interface CategoryDef {
  code: string;
  labelRu: string;
  labelEn: string;
  row: NationalRow;
  chi: ChiCategory;
  codes: { sub: string; labelRu: string; labelEn: string; row?: NationalRow; chi?: ChiCategory }[];
}

const TREE: CategoryDef[] = [
  {
    code: 'cruelty_family',
    labelRu: 'Жестокое обращение в семье',
    labelEn: 'Cruelty in the family',
    row: 'cruelty_family',
    chi: 'violence',
    codes: [
      { sub: 'physical', labelRu: 'Физическое насилие', labelEn: 'Physical abuse' },
      {
        sub: 'psychological',
        labelRu: 'Психологическое насилие (унижения, угрозы, оскорбления)',
        labelEn: 'Emotional abuse (humiliation, threats, insults)',
      },
      { sub: 'neglect', labelRu: 'Пренебрежение нуждами ребёнка', labelEn: "Neglect of the child's needs" },
      { sub: 'domestic_violence_witness', labelRu: 'Ребёнок — свидетель домашнего насилия', labelEn: 'Exposure to domestic violence' },
    ],
  },
  {
    code: 'cruelty_outside',
    labelRu: 'Жестокое обращение вне семьи',
    labelEn: 'Cruelty outside the family',
    row: 'cruelty_outside_family',
    chi: 'violence',
    codes: [
      { sub: 'school_staff', labelRu: 'Со стороны педагогов и сотрудников школы', labelEn: 'By teachers or school staff' },
      {
        sub: 'institution',
        labelRu: 'В учреждении (детский дом, интернат, больница, лагерь)',
        labelEn: "In an institution (children's home, boarding school, hospital, camp)",
      },
      {
        sub: 'other_adults',
        labelRu: 'Со стороны других взрослых (соседи, знакомые, незнакомые)',
        labelEn: 'By other adults (neighbours, acquaintances, strangers)',
      },
      { sub: 'online_threats', labelRu: 'Угрозы, шантаж, вымогательство в интернете', labelEn: 'Online threats, blackmail, extortion' },
    ],
  },
  {
    code: 'cruelty_peers',
    labelRu: 'Жестокое обращение в среде сверстников',
    labelEn: 'Cruelty among peers',
    row: 'cruelty_peers',
    chi: 'violence',
    codes: [
      { sub: 'bullying_school', labelRu: 'Травля (буллинг) в школе', labelEn: 'Bullying at school' },
      { sub: 'cyberbullying', labelRu: 'Кибербуллинг, травля в интернете', labelEn: 'Cyberbullying' },
      {
        sub: 'physical',
        labelRu: 'Физическое насилие со стороны сверстников (драки, избиения)',
        labelEn: 'Physical violence by peers (fights, beatings)',
      },
      { sub: 'extortion', labelRu: 'Вымогательство, отбирание денег и вещей', labelEn: 'Extortion, taking money or belongings' },
    ],
  },
  {
    code: 'sexual_violence',
    labelRu: 'Сексуальное насилие',
    labelEn: 'Sexual violence',
    row: 'sexual_violence',
    chi: 'violence',
    codes: [
      { sub: 'family', labelRu: 'Сексуальное насилие в семье', labelEn: 'Sexual abuse in the family' },
      { sub: 'outside_family', labelRu: 'Сексуальное насилие вне семьи', labelEn: 'Sexual abuse outside the family' },
      {
        sub: 'online',
        labelRu: 'Сексуальная эксплуатация в интернете (груминг, шантаж интимными изображениями)',
        labelEn: 'Online sexual abuse and exploitation (grooming, sextortion)',
      },
      { sub: 'harassment', labelRu: 'Сексуальные домогательства', labelEn: 'Sexual harassment' },
    ],
  },
  {
    code: 'parent_child',
    labelRu: 'Детско-родительские отношения',
    labelEn: 'Parent–child relationships',
    row: 'parent_child',
    chi: 'family_relationships',
    codes: [
      { sub: 'conflict', labelRu: 'Конфликты с родителями', labelEn: 'Conflicts with parents' },
      { sub: 'divorce', labelRu: 'Развод, расставание родителей', labelEn: "Parents' divorce or separation" },
      { sub: 'step_parent', labelRu: 'Отношения с отчимом, мачехой', labelEn: 'Relationship with a step-parent' },
      { sub: 'grief', labelRu: 'Смерть, потеря близкого человека', labelEn: 'Death or loss of someone close' },
      { sub: 'parenting', labelRu: 'Трудности в воспитании ребёнка', labelEn: 'Difficulties in bringing up a child' },
      { sub: 'foster_adoption', labelRu: 'Приёмная семья, опека, усыновление', labelEn: 'Foster care, guardianship, adoption' },
    ],
  },
  {
    code: 'peers',
    labelRu: 'Взаимоотношения со сверстниками',
    labelEn: 'Peer relationships',
    row: 'peers',
    chi: 'peer_relationships',
    codes: [
      { sub: 'friendship', labelRu: 'Дружба, ссоры с друзьями', labelEn: 'Friendship, falling out with friends' },
      { sub: 'loneliness', labelRu: 'Одиночество, трудности в общении', labelEn: 'Loneliness, difficulty making friends' },
      { sub: 'romantic', labelRu: 'Первая любовь, романтические отношения', labelEn: 'First love, romantic relationships' },
      { sub: 'classmates', labelRu: 'Конфликты с одноклассниками', labelEn: 'Conflicts with classmates' },
      { sub: 'group_pressure', labelRu: 'Влияние компании, давление сверстников', labelEn: 'Peer pressure' },
    ],
  },
  {
    code: 'school',
    labelRu: 'Проблемы в школе, учёба',
    labelEn: 'School and studies',
    row: 'school',
    chi: 'education_occupation',
    codes: [
      { sub: 'performance', labelRu: 'Успеваемость', labelEn: 'Academic performance' },
      { sub: 'exams', labelRu: 'Экзамены (ОГЭ, ЕГЭ)', labelEn: 'Exams (OGE, EGE)' },
      { sub: 'teacher_conflict', labelRu: 'Конфликт с учителем', labelEn: 'Conflict with a teacher' },
      { sub: 'truancy', labelRu: 'Прогулы, нежелание ходить в школу', labelEn: 'Truancy, not wanting to go to school' },
      { sub: 'learning_difficulties', labelRu: 'Трудности в обучении', labelEn: 'Learning difficulties' },
    ],
  },
  {
    code: 'career',
    labelRu: 'Профориентация',
    labelEn: 'Career choice',
    row: 'career',
    chi: 'education_occupation',
    codes: [
      { sub: 'choice', labelRu: 'Выбор профессии', labelEn: 'Choosing a profession' },
      {
        sub: 'further_education',
        labelRu: 'Поступление, выбор колледжа или вуза',
        labelEn: 'Choosing and applying to a college or university',
      },
      { sub: 'work', labelRu: 'Подработка, трудоустройство подростков', labelEn: 'Part-time work, employment of teenagers' },
    ],
  },
  {
    code: 'suicidal',
    labelRu: 'Суицидальные мысли и намерения',
    labelEn: 'Suicidal thoughts and intentions',
    row: 'suicidal',
    chi: 'mental_health',
    codes: [
      { sub: 'thoughts', labelRu: 'Суицидальные мысли', labelEn: 'Suicidal thoughts' },
      { sub: 'intent', labelRu: 'Суицидальное намерение, план', labelEn: 'Suicidal intent or plan' },
      { sub: 'self_harm', labelRu: 'Самоповреждения', labelEn: 'Self-harm' },
      { sub: 'past_attempt', labelRu: 'Попытка суицида в прошлом', labelEn: 'Past suicide attempt' },
      {
        sub: 'concern_other',
        labelRu: 'Тревога за другого (друг, родственник думает о суициде)',
        labelEn: 'Worried about someone else (a friend or relative thinking of suicide)',
      },
    ],
  },
  {
    code: 'mental_state',
    labelRu: 'Психическое здоровье и эмоциональное состояние',
    labelEn: 'Mental health and emotional state',
    row: 'mental_state',
    chi: 'mental_health',
    codes: [
      { sub: 'anxiety', labelRu: 'Тревога', labelEn: 'Anxiety' },
      { sub: 'low_mood', labelRu: 'Подавленность, сниженное настроение', labelEn: 'Low mood' },
      { sub: 'fears', labelRu: 'Страхи', labelEn: 'Fears' },
      { sub: 'stress', labelRu: 'Стресс', labelEn: 'Stress' },
      { sub: 'eating', labelRu: 'Расстройства пищевого поведения', labelEn: 'Eating disorders' },
      { sub: 'sleep', labelRu: 'Нарушения сна', labelEn: 'Sleep problems' },
      { sub: 'self_esteem', labelRu: 'Самооценка, неуверенность в себе', labelEn: 'Self-esteem, lack of confidence' },
    ],
  },
  {
    code: 'addictions',
    labelRu: 'Зависимости',
    labelEn: 'Addictions',
    row: 'addictions',
    chi: 'mental_health',
    codes: [
      { sub: 'alcohol', labelRu: 'Алкоголь', labelEn: 'Alcohol' },
      { sub: 'drugs', labelRu: 'Наркотики, психоактивные вещества', labelEn: 'Drugs and other psychoactive substances' },
      { sub: 'smoking', labelRu: 'Курение, вейпы', labelEn: 'Smoking, vaping' },
      { sub: 'gaming_internet', labelRu: 'Игровая и интернет-зависимость', labelEn: 'Gaming and internet addiction' },
    ],
  },
  {
    code: 'health_sexuality',
    labelRu: 'Здоровье, сексуальность',
    labelEn: 'Health and sexuality',
    row: 'health_sexuality',
    chi: 'physical_health',
    codes: [
      { sub: 'physical_health', labelRu: 'Физическое здоровье, болезни', labelEn: 'Physical health, illness' },
      { sub: 'pregnancy', labelRu: 'Беременность', labelEn: 'Pregnancy' },
      {
        sub: 'sexual_health',
        labelRu: 'Сексуальное и репродуктивное здоровье, контрацепция',
        labelEn: 'Sexual and reproductive health, contraception',
      },
      { sub: 'puberty', labelRu: 'Половое созревание', labelEn: 'Puberty' },
      {
        sub: 'sexual_behaviour',
        labelRu: 'Сексуальные отношения, первый сексуальный опыт',
        labelEn: 'Sexual relationships, first sexual experience',
        chi: 'sexuality',
      },
    ],
  },
  {
    code: 'missing',
    labelRu: 'Уход из дома, пропавшие дети',
    labelEn: 'Running away and missing children',
    row: 'other',
    chi: 'missing_children',
    codes: [
      { sub: 'runaway', labelRu: 'Уход из дома', labelEn: 'Running away from home' },
      { sub: 'lost', labelRu: 'Ребёнок потерялся, пропал', labelEn: 'Lost or missing child' },
      { sub: 'abduction', labelRu: 'Похищение ребёнка', labelEn: 'Child abduction' },
      { sub: 'homeless', labelRu: 'Бездомность, ребёнку негде жить', labelEn: 'Homelessness, nowhere to live', chi: 'discrimination' },
    ],
  },
  {
    code: 'exploitation',
    labelRu: 'Эксплуатация, торговля детьми, вовлечение в преступления',
    labelEn: 'Exploitation, trafficking, being drawn into crime',
    row: 'other',
    chi: 'trafficking',
    codes: [
      { sub: 'trafficking', labelRu: 'Торговля детьми', labelEn: 'Child trafficking' },
      {
        sub: 'crime_involvement',
        labelRu: 'Вовлечение в преступления (закладки, поджоги, мошеннические схемы)',
        labelEn: 'Being drawn into crime (drug drops, arson, fraud schemes)',
      },
      { sub: 'labour', labelRu: 'Эксплуатация детского труда, попрошайничество', labelEn: 'Child labour, begging' },
      {
        sub: 'commercial_sexual',
        labelRu: 'Коммерческая сексуальная эксплуатация',
        labelEn: 'Commercial sexual exploitation',
        row: 'sexual_violence',
      },
    ],
  },
  {
    code: 'other',
    labelRu: 'Другое',
    labelEn: 'Other',
    row: 'other',
    chi: 'other',
    codes: [
      {
        sub: 'rights',
        labelRu: 'Права ребёнка, юридические вопросы',
        labelEn: "Children's rights, legal questions",
        chi: 'access_to_services',
      },
      { sub: 'material', labelRu: 'Материальные трудности семьи', labelEn: 'Family financial hardship', chi: 'access_to_services' },
      {
        sub: 'discrimination',
        labelRu: 'Дискриминация (национальность, религия, внешность)',
        labelEn: 'Discrimination (ethnicity, religion, appearance)',
        chi: 'discrimination',
      },
      { sub: 'disability', labelRu: 'Инвалидность, ОВЗ', labelEn: 'Disability, special educational needs', chi: 'disability' },
      { sub: 'other', labelRu: 'Другая причина', labelEn: 'Other reason' },
    ],
  },
];

export const REASON_CATEGORIES: readonly ReasonCategorySeed[] = TREE.map((c, i) => ({
  code: c.code,
  labelRu: c.labelRu,
  labelEn: c.labelEn,
  position: i + 1,
}));

/** Positions count within a category, in the order a counsellor sees them. */
export const REASON_CODES: readonly ReasonCodeSeed[] = TREE.flatMap((c) =>
  c.codes.map((s, i) => ({
    code: `${c.code}.${s.sub}`,
    categoryCode: c.code,
    labelRu: s.labelRu,
    labelEn: s.labelEn,
    nationalRow: s.row ?? c.row,
    chiCategory: s.chi ?? c.chi,
    position: i + 1,
  })),
);

/**
 * Inserts version 1 and its rows. Idempotent and safe to race: every insert skips rows that exist,
 * and an existing row is never changed (records keep the meaning of the codes they were saved
 * with; a changed row is a new version). Runs on a transaction or a plain connection alike.
 */
export async function seedClassification(db: Kysely<DB>): Promise<void> {
  await db
    .insertInto('classification_versions')
    .values({ version: CURRENT_NATIONAL_VERSION, label: NATIONAL_VERSION_LABEL, published_at: NATIONAL_VERSION_PUBLISHED_AT })
    .onConflict((oc) => oc.column('version').doNothing())
    .execute();
  await db
    .insertInto('reason_categories')
    .values(REASON_CATEGORIES.map((c) => ({ code: c.code, label_ru: c.labelRu, label_en: c.labelEn, position: c.position })))
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  await db
    .insertInto('reason_codes')
    .values(
      REASON_CODES.map((r) => ({
        code: r.code,
        category_code: r.categoryCode,
        service_id: null,
        label_ru: r.labelRu,
        label_en: r.labelEn,
        national_row: r.nationalRow,
        chi_category: r.chiCategory,
        position: r.position,
        added_in_version: CURRENT_NATIONAL_VERSION,
        retired_in_version: null,
        created_by: null,
      })),
    )
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
}
