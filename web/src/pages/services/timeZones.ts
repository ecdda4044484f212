// Time zone choices: Russia's zones first (west to east), then every other IANA zone the browser knows.
export const RUSSIAN_ZONES: Record<string, { ru: string; en: string }> = {
  'Europe/Kaliningrad': { ru: 'Калининград', en: 'Kaliningrad' },
  'Europe/Moscow': { ru: 'Москва', en: 'Moscow' },
  'Europe/Simferopol': { ru: 'Симферополь', en: 'Simferopol' },
  'Europe/Kirov': { ru: 'Киров', en: 'Kirov' },
  'Europe/Volgograd': { ru: 'Волгоград', en: 'Volgograd' },
  'Europe/Astrakhan': { ru: 'Астрахань', en: 'Astrakhan' },
  'Europe/Saratov': { ru: 'Саратов', en: 'Saratov' },
  'Europe/Ulyanovsk': { ru: 'Ульяновск', en: 'Ulyanovsk' },
  'Europe/Samara': { ru: 'Самара', en: 'Samara' },
  'Asia/Yekaterinburg': { ru: 'Екатеринбург', en: 'Yekaterinburg' },
  'Asia/Omsk': { ru: 'Омск', en: 'Omsk' },
  'Asia/Novosibirsk': { ru: 'Новосибирск', en: 'Novosibirsk' },
  'Asia/Barnaul': { ru: 'Барнаул', en: 'Barnaul' },
  'Asia/Tomsk': { ru: 'Томск', en: 'Tomsk' },
  'Asia/Novokuznetsk': { ru: 'Новокузнецк', en: 'Novokuznetsk' },
  'Asia/Krasnoyarsk': { ru: 'Красноярск', en: 'Krasnoyarsk' },
  'Asia/Irkutsk': { ru: 'Иркутск', en: 'Irkutsk' },
  'Asia/Chita': { ru: 'Чита', en: 'Chita' },
  'Asia/Yakutsk': { ru: 'Якутск', en: 'Yakutsk' },
  'Asia/Khandyga': { ru: 'Хандыга', en: 'Khandyga' },
  'Asia/Vladivostok': { ru: 'Владивосток', en: 'Vladivostok' },
  'Asia/Ust-Nera': { ru: 'Усть-Нера', en: 'Ust-Nera' },
  'Asia/Magadan': { ru: 'Магадан', en: 'Magadan' },
  'Asia/Sakhalin': { ru: 'Южно-Сахалинск', en: 'Sakhalin' },
  'Asia/Srednekolymsk': { ru: 'Среднеколымск', en: 'Srednekolymsk' },
  'Asia/Kamchatka': { ru: 'Петропавловск-Камчатский', en: 'Kamchatka' },
  'Asia/Anadyr': { ru: 'Анадырь', en: 'Anadyr' },
};

export interface ZoneOption {
  value: string;
  label: string;
}

function utcOffset(zone: string): string {
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
      .formatToParts(new Date())
      .find((p) => p.type === 'timeZoneName');
    return (part?.value ?? 'GMT').replace('GMT', 'UTC').replace(/^UTC$/, 'UTC+00:00');
  } catch {
    return '';
  }
}

/** Both groups for the select; `current` is kept even if this browser does not list it. */
export function timeZoneOptions(locale: 'ru' | 'en', current?: string): { russia: ZoneOption[]; other: ZoneOption[] } {
  const russia = Object.entries(RUSSIAN_ZONES).map(([value, names]) => ({
    value,
    label: `${utcOffset(value)} ${names[locale]} (${value})`,
  }));
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const rest = new Set(known.filter((z) => !(z in RUSSIAN_ZONES)));
  if (current && !(current in RUSSIAN_ZONES)) rest.add(current);
  const other = [...rest].sort().map((value) => ({ value, label: `${value} (${utcOffset(value)})` }));
  return { russia, other };
}
