// The subjects of the Russian Federation and how a service_area names them. Codes are ISO 3166-2:RU
// (83 subjects); the six subjects ISO 3166-2:RU does not list carry the codes Russian registries use
// for them (marked iso: false), so helplines there can say where their services work.
// Names are the official ones (Constitution, art. 65); a service_area may also use the everyday
// forms people write: "г. Москва", "Владимирская обл.", "Якутия", "ХМАО".
export interface Region {
  code: string;
  name: string;
  /** false: the code is not in ISO 3166-2:RU. */
  iso?: false;
  /** Other ways to write the name (the usual abbreviations are derived from the name). */
  aliases?: readonly string[];
}

export const COUNTRY_CODE = 'RU';
export const COUNTRY_NAME = 'Российская Федерация';

export const REGIONS: readonly Region[] = [
  // Republics
  { code: 'RU-AD', name: 'Республика Адыгея (Адыгея)', aliases: ['Адыгея', 'Республика Адыгея'] },
  { code: 'RU-AL', name: 'Республика Алтай', aliases: ['Горный Алтай'] },
  { code: 'RU-BA', name: 'Республика Башкортостан', aliases: ['Башкортостан', 'Башкирия'] },
  { code: 'RU-BU', name: 'Республика Бурятия', aliases: ['Бурятия'] },
  { code: 'RU-CE', name: 'Чеченская Республика', aliases: ['Чечня', 'Чеченская Респ.'] },
  { code: 'RU-CU', name: 'Чувашская Республика — Чувашия', aliases: ['Чувашия', 'Чувашская Республика', 'Чувашская Респ.'] },
  { code: 'RU-DA', name: 'Республика Дагестан', aliases: ['Дагестан'] },
  { code: 'RU-IN', name: 'Республика Ингушетия', aliases: ['Ингушетия'] },
  { code: 'RU-KB', name: 'Кабардино-Балкарская Республика', aliases: ['Кабардино-Балкария', 'КБР'] },
  { code: 'RU-KL', name: 'Республика Калмыкия', aliases: ['Калмыкия'] },
  { code: 'RU-KC', name: 'Карачаево-Черкесская Республика', aliases: ['Карачаево-Черкесия', 'КЧР'] },
  { code: 'RU-KR', name: 'Республика Карелия', aliases: ['Карелия'] },
  { code: 'RU-KK', name: 'Республика Хакасия', aliases: ['Хакасия'] },
  { code: 'RU-KO', name: 'Республика Коми', aliases: ['Коми'] },
  { code: 'RU-ME', name: 'Республика Марий Эл', aliases: ['Марий Эл'] },
  { code: 'RU-MO', name: 'Республика Мордовия', aliases: ['Мордовия'] },
  { code: 'RU-SA', name: 'Республика Саха (Якутия)', aliases: ['Якутия', 'Саха (Якутия)', 'Республика Саха', 'Республика Якутия'] },
  {
    code: 'RU-SE',
    name: 'Республика Северная Осетия — Алания',
    aliases: ['Северная Осетия', 'Северная Осетия — Алания', 'Республика Северная Осетия'],
  },
  { code: 'RU-TA', name: 'Республика Татарстан (Татарстан)', aliases: ['Татарстан', 'Республика Татарстан'] },
  { code: 'RU-TY', name: 'Республика Тыва', aliases: ['Тыва', 'Тува'] },
  { code: 'RU-UD', name: 'Удмуртская Республика', aliases: ['Удмуртия', 'Удмуртская Респ.'] },
  // Krais
  { code: 'RU-ALT', name: 'Алтайский край' },
  { code: 'RU-KAM', name: 'Камчатский край', aliases: ['Камчатка'] },
  { code: 'RU-KHA', name: 'Хабаровский край' },
  { code: 'RU-KDA', name: 'Краснодарский край', aliases: ['Кубань'] },
  { code: 'RU-KYA', name: 'Красноярский край' },
  { code: 'RU-PER', name: 'Пермский край' },
  { code: 'RU-PRI', name: 'Приморский край', aliases: ['Приморье'] },
  { code: 'RU-STA', name: 'Ставропольский край', aliases: ['Ставрополье'] },
  { code: 'RU-ZAB', name: 'Забайкальский край', aliases: ['Забайкалье'] },
  // Oblasts
  { code: 'RU-AMU', name: 'Амурская область' },
  { code: 'RU-ARK', name: 'Архангельская область' },
  { code: 'RU-AST', name: 'Астраханская область' },
  { code: 'RU-BEL', name: 'Белгородская область' },
  { code: 'RU-BRY', name: 'Брянская область' },
  { code: 'RU-CHE', name: 'Челябинская область' },
  { code: 'RU-IRK', name: 'Иркутская область' },
  { code: 'RU-IVA', name: 'Ивановская область' },
  { code: 'RU-KGD', name: 'Калининградская область' },
  { code: 'RU-KLU', name: 'Калужская область' },
  { code: 'RU-KEM', name: 'Кемеровская область — Кузбасс', aliases: ['Кемеровская область', 'Кемеровская обл.', 'Кузбасс'] },
  { code: 'RU-KIR', name: 'Кировская область' },
  { code: 'RU-KOS', name: 'Костромская область' },
  { code: 'RU-KGN', name: 'Курганская область' },
  { code: 'RU-KRS', name: 'Курская область' },
  { code: 'RU-LEN', name: 'Ленинградская область', aliases: ['Ленобласть'] },
  { code: 'RU-LIP', name: 'Липецкая область' },
  { code: 'RU-MAG', name: 'Магаданская область' },
  { code: 'RU-MOS', name: 'Московская область', aliases: ['Подмосковье'] },
  { code: 'RU-MUR', name: 'Мурманская область' },
  { code: 'RU-NIZ', name: 'Нижегородская область' },
  { code: 'RU-NGR', name: 'Новгородская область' },
  { code: 'RU-NVS', name: 'Новосибирская область' },
  { code: 'RU-OMS', name: 'Омская область' },
  { code: 'RU-ORE', name: 'Оренбургская область' },
  { code: 'RU-ORL', name: 'Орловская область' },
  { code: 'RU-PNZ', name: 'Пензенская область' },
  { code: 'RU-PSK', name: 'Псковская область' },
  { code: 'RU-ROS', name: 'Ростовская область' },
  { code: 'RU-RYA', name: 'Рязанская область' },
  { code: 'RU-SAK', name: 'Сахалинская область' },
  { code: 'RU-SAM', name: 'Самарская область' },
  { code: 'RU-SAR', name: 'Саратовская область' },
  { code: 'RU-SMO', name: 'Смоленская область' },
  { code: 'RU-SVE', name: 'Свердловская область' },
  { code: 'RU-TAM', name: 'Тамбовская область' },
  { code: 'RU-TOM', name: 'Томская область' },
  { code: 'RU-TUL', name: 'Тульская область' },
  { code: 'RU-TVE', name: 'Тверская область' },
  { code: 'RU-TYU', name: 'Тюменская область' },
  { code: 'RU-ULY', name: 'Ульяновская область' },
  { code: 'RU-VLA', name: 'Владимирская область' },
  { code: 'RU-VGG', name: 'Волгоградская область' },
  { code: 'RU-VLG', name: 'Вологодская область' },
  { code: 'RU-VOR', name: 'Воронежская область' },
  { code: 'RU-YAR', name: 'Ярославская область' },
  // Cities of federal significance
  { code: 'RU-MOW', name: 'Москва', aliases: ['г. Москва', 'город Москва', 'Москва г.'] },
  { code: 'RU-SPE', name: 'Санкт-Петербург', aliases: ['г. Санкт-Петербург', 'город Санкт-Петербург', 'Санкт-Петербург г.', 'СПб'] },
  // The autonomous oblast and okrugs
  { code: 'RU-YEV', name: 'Еврейская автономная область', aliases: ['ЕАО'] },
  { code: 'RU-CHU', name: 'Чукотский автономный округ', aliases: ['Чукотка', 'ЧАО'] },
  {
    code: 'RU-KHM',
    name: 'Ханты-Мансийский автономный округ — Югра',
    aliases: ['Ханты-Мансийский автономный округ', 'ХМАО', 'ХМАО — Югра', 'Югра'],
  },
  { code: 'RU-NEN', name: 'Ненецкий автономный округ', aliases: ['НАО'] },
  { code: 'RU-YAN', name: 'Ямало-Ненецкий автономный округ', aliases: ['ЯНАО', 'Ямал'] },
  // Subjects without an ISO 3166-2:RU code.
  { code: 'RU-CR', name: 'Республика Крым', iso: false, aliases: ['Крым'] },
  { code: 'RU-SEV', name: 'Севастополь', iso: false, aliases: ['г. Севастополь', 'город Севастополь', 'Севастополь г.'] },
  { code: 'RU-DPR', name: 'Донецкая Народная Республика', iso: false, aliases: ['ДНР'] },
  { code: 'RU-LPR', name: 'Луганская Народная Республика', iso: false, aliases: ['ЛНР'] },
  { code: 'RU-ZAP', name: 'Запорожская область', iso: false },
  { code: 'RU-KHE', name: 'Херсонская область', iso: false },
];

/** Lower case, ё as е, one kind of dash, no dots, single spaces: "Владимирская обл." ~ "владимирская обл". */
export const normalRegionName = (s: string): string =>
  s
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[‐‑‒–—―-]/g, ' - ')
    .replace(/[.,]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** The usual short forms of a name: "… область" as "… обл.", "… край" as "… кр.", "… автономный округ" as "… АО". */
function derivedForms(name: string): string[] {
  const out: string[] = [];
  const m = /^(.*) (область|край|автономный округ)$/.exec(name);
  if (m) out.push(`${m[1]} ${m[2] === 'область' ? 'обл' : m[2] === 'край' ? 'кр' : 'ао'}`);
  const r = /^Республика (.*)$/.exec(name);
  if (r) out.push(`Респ. ${r[1]}`, `${r[1]} Респ.`, `${r[1]} Республика`);
  return out;
}

const byName = new Map<string, string>();
for (const r of REGIONS) {
  for (const n of [r.name, ...derivedForms(r.name), ...(r.aliases ?? []), r.code]) byName.set(normalRegionName(n), r.code);
}
for (const n of ['Россия', COUNTRY_NAME, 'РФ', 'вся Россия', COUNTRY_CODE]) byName.set(normalRegionName(n), COUNTRY_CODE);

const names = new Map<string, string>([[COUNTRY_CODE, COUNTRY_NAME], ...REGIONS.map((r): [string, string] => [r.code, r.name])]);

/** Region codes a service_area's name or extent names ('RU' for the whole country). */
export function areaCodesOf(text: string): string[] {
  const code = byName.get(normalRegionName(text));
  return code ? [code] : [];
}

/** Whether a code names a region (or 'RU', the whole country). */
export const isAreaCode = (code: string): boolean => names.has(code);

/** The official name of a region code ('RU': the whole country); undefined for an unknown code. */
export const areaName = (code: string): string | undefined => names.get(code);
