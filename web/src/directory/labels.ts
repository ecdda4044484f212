// How a directory card's facts read: ages, phone links, dates of verification.
import { useMemo } from 'react';
import type { Translate } from '../i18n/I18nProvider';
import { useLocale } from '../i18n/I18nProvider';
import type { DirectoryCard } from './types';

/** «Возраст: 14–18», «Возраст: от 14», or null when the entry takes any age. */
export function ageLabel(t: Translate, card: Pick<DirectoryCard, 'minAge' | 'maxAge'>): string | null {
  const { minAge: min, maxAge: max } = card;
  if (min !== null && max !== null) return t('directory.ages', { min, max });
  if (min !== null) return t('directory.agesFrom', { min });
  if (max !== null) return t('directory.agesTo', { max });
  return null;
}

/** A tel: link dials digits (and a leading +) only; what is shown keeps the entry's own spelling. */
export const telHref = (number: string): string => `tel:${number.trim().startsWith('+') ? '+' : ''}${number.replace(/\D/g, '')}`;

/** A calendar day (YYYY-MM-DD) in the UI language, read as that day wherever the browser is. */
export function useFormatDay(): (day: string) => string {
  const [locale] = useLocale();
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' });
    return (day: string) => format.format(new Date(`${day}T00:00:00Z`));
  }, [locale]);
}

/** Today as YYYY-MM-DD in the browser's time zone. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
