// The service form's values: limits and defaults of the routing settings (as the server's
// serviceSettingsSchema and DEFAULT_ROUTING_SETTINGS), validation, and conversion to the API input.
// The service's phone numbers are edited here too but saved on their own (PUT …/voice-numbers).
import type { ChatServiceSettings } from '../../chat/types';
import type { Translate } from '../../i18n/I18nProvider';
import type { Service } from '../../types';
import type { ServiceInput } from './servicesApi';

export const LIMITS = {
  offerTimeoutSeconds: { min: 5, max: 120, fallback: 20 },
  wrapUpSeconds: { min: 0, max: 1800, fallback: 60 },
  chatCapacity: { min: 1, max: 10, fallback: 2 },
  partnerAfterSeconds: { min: 0, max: 3600, fallback: 60 },
  nationalBackupAfterSeconds: { min: 0, max: 3600, fallback: 180 },
  carePlanSeconds: { min: 0, max: 600, fallback: 60 },
  maxWaitSeconds: { min: 60, max: 24 * 3600, fallback: 3600 },
  declineCooldownSeconds: { min: 0, max: 600, fallback: 30 },
  chatRetentionDays: { min: 1, max: 365, fallback: 30 },
  chatMessagesPerMinute: { min: 5, max: 120, fallback: 20 },
  chatNewPerHour: { min: 1, max: 60, fallback: 5 },
} as const;
export type NumberSetting = keyof typeof LIMITS;
const NUMBER_SETTINGS = Object.keys(LIMITS) as NumberSetting[];

export interface Values {
  name: string;
  shortName: string;
  region: string;
  timeZone: string;
  settings: Record<NumberSetting, number | string> & {
    voiceBlocksText: boolean;
    nationalBackup: boolean;
    partnerServiceIds: string[];
    chatEnabled: boolean;
    /** Chat hours: around the clock, or from–to ('HH:MM', in the service's time zone). */
    chatAllDay: boolean;
    chatFrom: string;
    chatTo: string;
    /** The phones shown on the chat page, one per line. */
    publicPhones: string;
  };
  /** The numbers the operator's trunk dials for the service, one per line (digits only). */
  voiceNumbers: string;
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const MAX_PHONES = 5;
const phoneLines = (v: string) =>
  v
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

const chatTime = (t: Translate) => (v: string, values: Values) =>
  values.settings.chatAllDay || HHMM.test(v.trim()) ? null : t('chat.settings.timeInvalid');

const phones = (t: Translate) => (v: string) => {
  const lines = phoneLines(v);
  if (lines.length > MAX_PHONES) return t('chat.settings.phonesTooMany', { max: MAX_PHONES });
  return lines.some((l) => l.length < 3 || l.length > 40) ? t('chat.settings.phoneInvalid') : null;
};

/** The trunk's numbers as the server takes them (src/http/routes/voice.ts): digits only, 2 to 15, at most 50. */
const VOICE_NUMBER = /^[0-9]{2,15}$/;
const MAX_VOICE_NUMBERS = 50;
export const voiceNumberLines = (v: string): string[] => [...new Set(phoneLines(v))];

const voiceNumbers = (t: Translate) => (v: string) => {
  const lines = voiceNumberLines(v);
  if (lines.length > MAX_VOICE_NUMBERS) return t('voiceAdmin.tooMany', { max: MAX_VOICE_NUMBERS });
  const bad = lines.find((l) => !VOICE_NUMBER.test(l));
  return bad === undefined ? null : t('voiceAdmin.numberInvalid', { number: bad });
};

/** Whether two lists hold the same numbers, in any order. */
export const sameNumbers = (a: readonly string[], b: readonly string[]) => {
  const x = [...new Set(a)].sort();
  const y = [...new Set(b)].sort();
  return x.length === y.length && x.every((n, i) => n === y[i]);
};

const text = (t: Translate, max: number, required: boolean) => (v: string) =>
  !v.trim() ? (required ? t('common.required') : null) : v.trim().length > max ? t('common.tooLong', { max }) : null;

/** A whole number within the setting's limits; the national backup delay may be left empty ("never"). */
const whole = (t: Translate, name: NumberSetting) => (v: number | string) => {
  if (name === 'nationalBackupAfterSeconds' && v === '') return null;
  const { min, max } = LIMITS[name];
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? null : t('common.numberRange', { min, max });
};

export const validation = (t: Translate) => ({
  name: text(t, 300, true),
  shortName: text(t, 100, false),
  region: text(t, 200, true),
  settings: {
    ...Object.fromEntries(NUMBER_SETTINGS.map((n) => [n, whole(t, n)])),
    chatFrom: chatTime(t),
    chatTo: chatTime(t),
    publicPhones: phones(t),
  },
  voiceNumbers: voiceNumbers(t),
});

export function initialValues(service?: Service, voiceNumbers: readonly string[] = []): Values {
  const s: Service['settings'] & ChatServiceSettings = service?.settings ?? {};
  const numbers = Object.fromEntries(NUMBER_SETTINGS.map((n) => [n, s[n] ?? LIMITS[n].fallback])) as Record<NumberSetting, number | string>;
  if (service && s.nationalBackupAfterSeconds === null) numbers.nationalBackupAfterSeconds = '';
  return {
    name: service?.name ?? '',
    shortName: service?.shortName ?? '',
    region: service?.region ?? '',
    timeZone: service?.timeZone ?? 'Europe/Moscow',
    settings: {
      ...numbers,
      voiceBlocksText: s.voiceBlocksText ?? true,
      nationalBackup: s.nationalBackup ?? false,
      partnerServiceIds: s.partnerServiceIds ?? [],
      chatEnabled: s.chatEnabled ?? true,
      chatAllDay: !s.chatHours,
      chatFrom: s.chatHours?.from ?? '09:00',
      chatTo: s.chatHours?.to ?? '21:00',
      publicPhones: (s.publicPhones ?? []).join('\n'),
    },
    voiceNumbers: voiceNumbers.join('\n'),
  };
}

export function toInput(v: Values): ServiceInput {
  const s = v.settings;
  return {
    name: v.name.trim(),
    shortName: v.shortName.trim() || null,
    region: v.region.trim(),
    timeZone: v.timeZone,
    settings: {
      offerTimeoutSeconds: Number(s.offerTimeoutSeconds),
      wrapUpSeconds: Number(s.wrapUpSeconds),
      chatCapacity: Number(s.chatCapacity),
      voiceBlocksText: s.voiceBlocksText,
      partnerServiceIds: s.partnerServiceIds,
      partnerAfterSeconds: Number(s.partnerAfterSeconds),
      nationalBackupAfterSeconds: s.nationalBackupAfterSeconds === '' ? null : Number(s.nationalBackupAfterSeconds),
      nationalBackup: s.nationalBackup,
      carePlanSeconds: Number(s.carePlanSeconds),
      maxWaitSeconds: Number(s.maxWaitSeconds),
      declineCooldownSeconds: Number(s.declineCooldownSeconds),
      chatEnabled: s.chatEnabled,
      chatRetentionDays: Number(s.chatRetentionDays),
      chatMessagesPerMinute: Number(s.chatMessagesPerMinute),
      chatNewPerHour: Number(s.chatNewPerHour),
      chatHours: s.chatAllDay ? null : { from: s.chatFrom.trim(), to: s.chatTo.trim() },
      publicPhones: phoneLines(s.publicPhones),
    },
  };
}
