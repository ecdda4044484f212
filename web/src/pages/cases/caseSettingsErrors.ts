// The server's refusals of a settings save, put back on the page's fields in the UI language: a 400
// request.invalid names the fields it refused (`/ackWorkingDays`, `/extraDaysOff/3`), a 422
// case.calendar_conflict means a day is in both calendar lists (the page knows which ones).
import { isApiError } from '../../api';
import type { CaseSettings } from '../../cases/caseSettingsApi';
import type { Translate } from '../../i18n/I18nProvider';

export type NumberField = 'retentionConsentDays' | 'retentionDutyDays' | 'retentionSignalDays' | 'ackWorkingDays' | 'outcomeWorkingDays';
export type SettingsField = keyof CaseSettings;

/** What the server accepts for each number (caseSchemas.ts): told to the person before and after a refusal. */
export const NUMBER_RANGE: Record<NumberField, { min: number; max: number }> = {
  retentionConsentDays: { min: 30, max: 36_500 },
  retentionDutyDays: { min: 30, max: 36_500 },
  retentionSignalDays: { min: 30, max: 36_500 },
  ackWorkingDays: { min: 1, max: 30 },
  outcomeWorkingDays: { min: 1, max: 120 },
};

const isNumberField = (f: string): f is NumberField => f in NUMBER_RANGE;

/** The fields' messages for a refused save; empty when the error is not about fields (shown as an alert then). */
export function refusedFields(
  err: unknown,
  sent: CaseSettings | undefined,
  t: Translate,
  formatDay: (day: string) => string,
): Partial<Record<SettingsField, string>> {
  if (isApiError(err, 'case.calendar_conflict') && sent) {
    const both = sent.extraDaysOff.filter((d) => sent.extraWorkingDays.includes(d));
    const message = t('caseSettings.conflict', { days: both.map(formatDay).join(', ') });
    return { extraDaysOff: message, extraWorkingDays: message };
  }
  if (!isApiError(err, 'request.invalid') || !Array.isArray(err.details?.issues)) return {};
  const errors: Partial<Record<SettingsField, string>> = {};
  for (const issue of err.details.issues as { path?: unknown }[]) {
    const field = typeof issue.path === 'string' ? (issue.path.split('/')[1] ?? '') : '';
    if (isNumberField(field)) errors[field] = t('common.numberRange', NUMBER_RANGE[field]);
    else if (field === 'extraDaysOff' || field === 'extraWorkingDays') errors[field] = t('caseSettings.daysInvalid');
  }
  return errors;
}
