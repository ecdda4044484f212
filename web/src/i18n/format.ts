// Dates and times in the UI language, through Intl (no date library needed).
import { useMemo } from 'react';
import { useLocale } from './I18nProvider';

export function useFormatDateTime(): (iso: string) => string {
  const [locale] = useLocale();
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
    return (iso: string) => format.format(new Date(iso));
  }, [locale]);
}
