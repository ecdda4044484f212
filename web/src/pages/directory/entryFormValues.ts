// The directory entry form's values: what the fields hold, their checks (Russian messages through
// useT), and conversion from and to the API's entry input. Empty text becomes null; an address
// with nothing filled in is no address; «Круглосуточно» is 00:00–24:00.
import type { Translate } from '../../i18n/I18nProvider';
import { today } from '../../directory/labels';
import type { Entry, EntryInput, Weekday } from '../../directory/types';

export interface ScheduleValues {
  days: Weekday[];
  allDay: boolean;
  opens: string;
  closes: string;
}

export interface Values {
  /** The helpline service a new entry belongs to (not changed once created). */
  tenantId: string;
  organizationName: string;
  name: string;
  description: string;
  phones: { number: string; description: string }[];
  address1: string;
  city: string;
  region: string;
  postalCode: string;
  schedules: ScheduleValues[];
  closedDates: string[];
  areaCodes: string[];
  termIds: string[];
  minAge: string;
  maxAge: string;
  free: boolean;
  feesDescription: string;
  email: string;
  url: string;
  referralNote: string;
  assuredDate: string;
}

/** The server's limits (src/domain/directory/entrySchemas.ts). */
export const MAX = {
  name: 300,
  organizationName: 300,
  description: 5000,
  phone: 30,
  phones: 10,
  phoneDescription: 200,
  address1: 300,
  city: 100,
  region: 200,
  postalCode: 6,
  fees: 1000,
  email: 200,
  url: 500,
  referralNote: 2000,
} as const;
export const AGE = { min: 0, max: 25 } as const;

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const PHONE = /^\+?[\d\s()-]+$/;
const POSTAL_CODE = /^\d{6}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URL_RE = /^https?:\/\/\S+$/i;

export const blankSchedule = (): ScheduleValues => ({
  days: ['MO', 'TU', 'WE', 'TH', 'FR'],
  allDay: false,
  opens: '09:00',
  closes: '18:00',
});
export const blankPhone = () => ({ number: '', description: '' });

export function initialValues(entry: Entry | undefined, tenantId: string): Values {
  return {
    tenantId: entry?.tenantId ?? tenantId,
    organizationName: entry?.organizationName ?? '',
    name: entry?.name ?? '',
    description: entry?.description ?? '',
    phones: entry ? entry.phones.map((p) => ({ number: p.number, description: p.description ?? '' })) : [blankPhone()],
    address1: entry?.address?.address1 ?? '',
    city: entry?.address?.city ?? '',
    region: entry?.address?.region ?? '',
    postalCode: entry?.address?.postalCode ?? '',
    schedules: (entry?.schedules ?? []).map((s) => {
      // 24:00 ends the day; a time field cannot show it, and 00:00 (the next midnight) means the same.
      const closes = s.closes === '24:00' ? '00:00' : s.closes;
      const allDay = s.opens === closes;
      return { days: s.days, allDay, opens: allDay ? '09:00' : s.opens, closes: allDay ? '18:00' : closes };
    }),
    closedDates: entry?.closedDates ?? [],
    areaCodes: entry?.areaCodes ?? [],
    termIds: entry?.termIds ?? [],
    minAge: entry?.minAge?.toString() ?? '',
    maxAge: entry?.maxAge?.toString() ?? '',
    free: entry?.free ?? true,
    feesDescription: entry?.feesDescription ?? '',
    email: entry?.email ?? '',
    url: entry?.url ?? '',
    referralNote: entry?.referralNote ?? '',
    // A new entry is written from what its author has just checked.
    assuredDate: entry ? (entry.assuredDate ?? '') : today(),
  };
}

const text =
  (t: Translate, max: number, required = false) =>
  (v: string) =>
    !v.trim() ? (required ? t('common.required') : null) : v.trim().length > max ? t('common.tooLong', { max }) : null;

const age = (t: Translate) => (v: string, values: Values) => {
  if (!v.trim()) return null;
  const n = Number(v.trim());
  if (!/^\d+$/.test(v.trim()) || n < AGE.min || n > AGE.max) return t('common.numberRange', AGE);
  const min = Number(values.minAge.trim());
  const max = Number(values.maxAge.trim());
  return values.minAge.trim() && values.maxAge.trim() && min > max ? t('directory.form.agesOrder') : null;
};

const time = (t: Translate) => (v: string, values: Values, path: string) => {
  const row = values.schedules[Number(path.split('.')[1])];
  if (!row || row.allDay) return null;
  if (!HHMM.test(v)) return t('directory.form.timeInvalid');
  return path.endsWith('closes') && v === row.opens ? t('directory.form.timeSame') : null;
};

/** The address needs its street and town once any part of it is filled in. */
const addressPart = (t: Translate, max: number) => (v: string, values: Values) => {
  const any = [values.address1, values.city, values.region, values.postalCode].some((p) => p.trim());
  return any && !v.trim() ? t('directory.form.addressIncomplete') : text(t, max)(v);
};

export const validation = (t: Translate) => ({
  tenantId: (v: string) => (v ? null : t('common.required')),
  organizationName: text(t, MAX.organizationName),
  name: text(t, MAX.name, true),
  description: text(t, MAX.description),
  phones: {
    number: (v: string) =>
      !v.trim()
        ? t('common.required')
        : v.trim().length > MAX.phone || !PHONE.test(v.trim()) || !/^\d{2,15}$/.test(v.replace(/\D/g, ''))
          ? t('directory.form.phoneInvalid')
          : null,
    description: text(t, MAX.phoneDescription),
  },
  address1: addressPart(t, MAX.address1),
  city: addressPart(t, MAX.city),
  region: text(t, MAX.region),
  postalCode: (v: string) => (v.trim() && !POSTAL_CODE.test(v.trim()) ? t('directory.form.postalCodeInvalid') : null),
  schedules: {
    days: (v: Weekday[]) => (v.length ? null : t('directory.form.daysRequired')),
    opens: time(t),
    closes: time(t),
  },
  closedDates: (v: string[]) => (v.every((d) => DAY.test(d)) ? null : t('directory.form.dateInvalid')),
  minAge: age(t),
  maxAge: age(t),
  feesDescription: text(t, MAX.fees),
  email: (v: string) => (v.trim() && (v.trim().length > MAX.email || !EMAIL.test(v.trim())) ? t('directory.form.emailInvalid') : null),
  url: (v: string) => (v.trim() && (v.trim().length > MAX.url || !URL_RE.test(v.trim())) ? t('directory.form.urlInvalid') : null),
  referralNote: text(t, MAX.referralNote),
  assuredDate: (v: string) =>
    !v ? null : !DAY.test(v) ? t('directory.form.dateInvalid') : v > today() ? t('directory.form.dateFuture') : null,
});

const orNull = (v: string) => v.trim() || null;
const ageOrNull = (v: string) => (v.trim() ? Number(v.trim()) : null);

export function toInput(v: Values): EntryInput {
  const hasAddress = [v.address1, v.city, v.region, v.postalCode].some((p) => p.trim());
  return {
    organizationName: orNull(v.organizationName),
    name: v.name.trim(),
    description: orNull(v.description),
    phones: v.phones.map((p) => ({ number: p.number.trim(), description: orNull(p.description) })),
    address: hasAddress
      ? { address1: v.address1.trim(), city: v.city.trim(), region: orNull(v.region), postalCode: orNull(v.postalCode) }
      : null,
    schedules: v.schedules.map((s) => ({ days: s.days, opens: s.allDay ? '00:00' : s.opens, closes: s.allDay ? '24:00' : s.closes })),
    closedDates: [...new Set(v.closedDates)].sort(),
    areaCodes: v.areaCodes,
    termIds: v.termIds,
    minAge: ageOrNull(v.minAge),
    maxAge: ageOrNull(v.maxAge),
    free: v.free,
    feesDescription: v.free ? null : orNull(v.feesDescription),
    email: orNull(v.email),
    url: orNull(v.url),
    referralNote: orNull(v.referralNote),
    assuredDate: v.assuredDate || null,
  };
}
