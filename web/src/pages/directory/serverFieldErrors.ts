// What the server refused, put back on the entry form's fields: a 400 request.invalid lists issues
// as { path: '/phones/0/number', message: 'directory.phone_invalid' } (the message a stable code).
// Each becomes the field's error in the UI language; the form's flat address and the list-level
// fields take the issues of their parts.
import { isApiError } from '../../api';
import type { Translate } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/ru';
import { AGE } from './entryFormValues';

const MESSAGES: Record<string, MessageKey> = {
  'directory.phone_invalid': 'directory.form.phoneInvalid',
  'directory.time_invalid': 'directory.form.timeInvalid',
  'directory.date_invalid': 'directory.form.dateInvalid',
  'directory.name_required': 'common.required',
  'directory.address_required': 'common.required',
  'directory.city_required': 'common.required',
  'directory.postal_code_invalid': 'directory.form.postalCodeInvalid',
  'directory.days_required': 'directory.form.daysRequired',
  'directory.days_repeat': 'directory.form.repeated',
  'directory.dates_repeat': 'directory.form.repeated',
  'directory.areas_repeat': 'directory.form.repeated',
  'directory.terms_repeat': 'directory.form.repeated',
  'directory.area_unknown': 'directory.form.areaUnknown',
  'directory.email_invalid': 'directory.form.emailInvalid',
  'directory.url_invalid': 'directory.form.urlInvalid',
  'directory.age_range_invalid': 'directory.form.agesOrder',
};

/** '/address/city' → 'city', '/closedDates/2' → 'closedDates', '/schedules/0/opens' → 'schedules.0.opens'. */
function fieldOf(path: string): string | null {
  const parts = path.split('/').filter(Boolean);
  if (parts.length === 0) return null;
  if (parts[0] === 'address') return parts[1] ?? 'address1';
  if (parts[0] === 'closedDates' || parts[0] === 'areaCodes' || parts[0] === 'termIds') return parts[0];
  return parts.join('.');
}

export function serverFieldErrors(err: unknown, t: Translate): Record<string, string> {
  if (!isApiError(err, 'request.invalid')) return {};
  const issues = Array.isArray(err.details?.issues) ? (err.details.issues as { path?: unknown; message?: unknown }[]) : [];
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const field = typeof issue.path === 'string' ? fieldOf(issue.path) : null;
    if (!field || out[field]) continue;
    const code = typeof issue.message === 'string' ? issue.message : '';
    const key = MESSAGES[code];
    out[field] = key ? t(key) : code === 'directory.age_invalid' ? t('common.numberRange', AGE) : t('directory.form.invalid');
  }
  return out;
}
