// Russian and English labels of every coded value of a contact record (vocabulary.ts), for the
// statistics report and its XLSX export. The SPA keeps its own copies in its dictionaries.
import type {
  Action,
  AgeGroup,
  CallerType,
  ChiCategory,
  ContactType,
  Gender,
  HeardFrom,
  LocalityType,
  NationalRow,
  RecordChannel,
  RiskLevel,
  VulnerableGroup,
} from './vocabulary.js';

export interface Label {
  ru: string;
  en: string;
}

export const CONTACT_TYPE_LABELS: Record<ContactType, Label> = {
  counselling: { ru: 'По проблеме', en: 'Counselling' },
  silent: { ru: 'Молчание', en: 'Silent' },
  dropped: { ru: 'Сброс, обрыв связи', en: 'Dropped' },
  prank: { ru: 'Розыгрыш', en: 'Prank' },
  abusive: { ru: 'Оскорбления в адрес консультанта', en: 'Abusive' },
  wrong_number: { ru: 'Ошиблись номером', en: 'Wrong number' },
  test: { ru: 'Проверка линии', en: 'Line test' },
  thanks: { ru: 'Благодарность, обратная связь', en: 'Thanks, feedback' },
  info_line: { ru: 'Вопрос о работе телефона доверия', en: 'Question about the helpline' },
  info_services: { ru: 'Вопрос о других службах', en: 'Question about other services' },
  missed: { ru: 'Не дождался ответа', en: 'Missed (not answered)' },
};

export const UNKNOWN_LABEL: Label = { ru: 'Не указано', en: 'Not recorded' };

export const CALLER_TYPE_LABELS: Record<CallerType | 'unknown', Label> = {
  child: { ru: 'Дети и подростки', en: 'Children and adolescents' },
  parent: { ru: 'Родители', en: 'Parents' },
  other_adult: { ru: 'Другие взрослые', en: 'Other adults' },
  unknown: UNKNOWN_LABEL,
};

export const GENDER_LABELS: Record<Gender, Label> = {
  boy: { ru: 'Мальчик', en: 'Boy' },
  girl: { ru: 'Девочка', en: 'Girl' },
  unknown: UNKNOWN_LABEL,
};

export const AGE_GROUP_LABELS: Record<AgeGroup, Label> = {
  under_10: { ru: 'До 10 лет', en: 'Under 10' },
  '10_14': { ru: '10–14 лет', en: '10–14' },
  '15_17': { ru: '15–17 лет', en: '15–17' },
  '18_plus': { ru: '18 лет и старше', en: '18 and over' },
  unknown: UNKNOWN_LABEL,
};

export const LOCALITY_TYPE_LABELS: Record<LocalityType, Label> = {
  city: { ru: 'Город', en: 'City' },
  town: { ru: 'Посёлок городского типа', en: 'Town' },
  rural: { ru: 'Сельская местность', en: 'Rural' },
  unknown: UNKNOWN_LABEL,
};

export const VULNERABLE_GROUP_LABELS: Record<VulnerableGroup, Label> = {
  disability: { ru: 'Ребёнок с инвалидностью, ОВЗ', en: 'Disability, special needs' },
  orphan: { ru: 'Сирота, без попечения родителей', en: 'Orphan, without parental care' },
  foster_family: { ru: 'Замещающая семья', en: 'Foster family' },
  difficult_situation: { ru: 'Трудная жизненная ситуация', en: 'Difficult life situation' },
  migrant: { ru: 'Семья мигрантов', en: 'Migrant family' },
  low_income: { ru: 'Малоимущая семья', en: 'Low-income family' },
  in_care_institution: { ru: 'В учреждении (детский дом, интернат)', en: 'In a care institution' },
  in_conflict_with_law: { ru: 'В конфликте с законом', en: 'In conflict with the law' },
};

export const HEARD_FROM_LABELS: Record<HeardFrom, Label> = {
  school: { ru: 'В школе', en: 'At school' },
  internet: { ru: 'В интернете', en: 'On the internet' },
  social_media: { ru: 'В социальных сетях', en: 'On social media' },
  friends: { ru: 'От друзей', en: 'From friends' },
  family: { ru: 'От родных', en: 'From family' },
  leaflet: { ru: 'Из листовки, плаката', en: 'From a leaflet or poster' },
  tv_radio: { ru: 'По телевидению, радио', en: 'On TV or radio' },
  specialist: { ru: 'От специалиста', en: 'From a professional' },
  repeat: { ru: 'Обращался раньше', en: 'Contacted before' },
  other: { ru: 'Другое', en: 'Other' },
};

export const ACTION_LABELS: Record<Action, Label> = {
  support: { ru: 'Оказана психологическая поддержка', en: 'Emotional support' },
  information: { ru: 'Дана информация', en: 'Information given' },
  referred: { ru: 'Перенаправлен в другую службу', en: 'Referred' },
  signal_needed: { ru: 'Нужен сигнал о детском неблагополучии', en: 'Safeguarding report needed' },
  emergency_called: { ru: 'Вызваны экстренные службы', en: 'Emergency services called' },
  supervisor_involved: { ru: 'Привлечён супервизор', en: 'Supervisor involved' },
};

export const RISK_LEVEL_LABELS: Record<RiskLevel, Label> = {
  unknown: { ru: 'Не оценивался', en: 'Not assessed' },
  none: { ru: 'Нет риска', en: 'No risk' },
  low: { ru: 'Низкий', en: 'Low' },
  moderate: { ru: 'Умеренный', en: 'Moderate' },
  high: { ru: 'Высокий', en: 'High' },
  imminent: { ru: 'Непосредственная угроза', en: 'Imminent' },
};

export const CHANNEL_LABELS: Record<RecordChannel, Label> = {
  voice: { ru: 'Телефон', en: 'Phone' },
  chat: { ru: 'Чат', en: 'Chat' },
  messenger: { ru: 'Мессенджер', en: 'Messenger' },
  in_person: { ru: 'Очно', en: 'In person' },
  email: { ru: 'Электронная почта', en: 'Email' },
  letter: { ru: 'Письмо', en: 'Letter' },
};

/** The rows of the national report, as the regional services publish them. */
export const NATIONAL_ROW_LABELS: Record<NationalRow, Label> = {
  cruelty_family: { ru: 'Жестокое обращение в семье', en: 'Cruelty in the family' },
  cruelty_outside_family: { ru: 'Жестокое обращение вне семьи', en: 'Cruelty outside the family' },
  cruelty_peers: { ru: 'Жестокое обращение в среде сверстников', en: 'Cruelty among peers' },
  sexual_violence: { ru: 'Сексуальное насилие', en: 'Sexual violence' },
  parent_child: { ru: 'Детско-родительские отношения', en: 'Parent–child relationships' },
  peers: { ru: 'Взаимоотношения со сверстниками', en: 'Peer relationships' },
  school: { ru: 'Проблемы в школе, учёба', en: 'School and studies' },
  career: { ru: 'Профориентация', en: 'Career choice' },
  suicidal: { ru: 'Суицидальные мысли и намерения', en: 'Suicidal thoughts and intentions' },
  mental_state: { ru: 'Психическое здоровье и эмоциональное состояние', en: 'Mental health and emotional state' },
  addictions: { ru: 'Зависимости', en: 'Addictions' },
  health_sexuality: { ru: 'Здоровье, сексуальность', en: 'Health and sexuality' },
  other: { ru: 'Другое', en: 'Other' },
};

export const CHI_CATEGORY_LABELS: Record<ChiCategory, Label> = {
  missing_children: { ru: 'Пропавшие дети', en: 'Missing children' },
  violence: { ru: 'Насилие', en: 'Violence' },
  trafficking: { ru: 'Торговля детьми и эксплуатация', en: 'Trafficking and exploitation' },
  mental_health: { ru: 'Психическое здоровье', en: 'Mental health' },
  physical_health: { ru: 'Физическое здоровье', en: 'Physical health' },
  access_to_services: { ru: 'Доступ к услугам', en: 'Access to services' },
  discrimination: { ru: 'Дискриминация', en: 'Discrimination' },
  family_relationships: { ru: 'Семейные отношения', en: 'Family relationships' },
  peer_relationships: { ru: 'Отношения со сверстниками', en: 'Peer relationships' },
  education_occupation: { ru: 'Образование и занятость', en: 'Education and occupation' },
  sexuality: { ru: 'Сексуальность', en: 'Sexuality' },
  disability: { ru: 'Инвалидность', en: 'Disability' },
  other: { ru: 'Другое', en: 'Other' },
};

/** ISO weekdays, 1 = Monday. */
export const WEEKDAY_LABELS: Record<string, Label> = {
  '1': { ru: 'Понедельник', en: 'Monday' },
  '2': { ru: 'Вторник', en: 'Tuesday' },
  '3': { ru: 'Среда', en: 'Wednesday' },
  '4': { ru: 'Четверг', en: 'Thursday' },
  '5': { ru: 'Пятница', en: 'Friday' },
  '6': { ru: 'Суббота', en: 'Saturday' },
  '7': { ru: 'Воскресенье', en: 'Sunday' },
};

export const hourLabel = (hour: number): Label => {
  const h = String(hour).padStart(2, '0');
  const next = String((hour + 1) % 24).padStart(2, '0');
  return { ru: `${h}:00–${next}:00`, en: `${h}:00–${next}:00` };
};

/** A value's label from one of the tables above; a value the table lacks is shown as itself. */
export function labelOf(table: Readonly<Record<string, Label>>, value: string): Label {
  return Object.hasOwn(table, value) ? table[value]! : { ru: value, en: value };
}
