// Dates, times, durations and shares in the UI language, through Intl (no date library needed).
import { useMemo } from 'react';
import { useLocale } from './I18nProvider';

const intlLocale = (locale: string) => (locale === 'ru' ? 'ru-RU' : 'en-GB');

export function useFormatDateTime(): (iso: string) => string {
  const [locale] = useLocale();
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeStyle: 'short' });
    return (iso: string) => format.format(new Date(iso));
  }, [locale]);
}

/** A time of day (hours and minutes), for instants or ms since the epoch. */
export function useFormatTime(): (at: string | number) => string {
  const [locale] = useLocale();
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(intlLocale(locale), { timeStyle: 'short' });
    return (at: string | number) => format.format(new Date(at));
  }, [locale]);
}

/** A length of time as the clock shows it: мм:сс, or ч:мм:сс from an hour on. Null → «—». */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

export const useFormatDuration = (): ((seconds: number | null) => string) => formatDuration;

/** A share (0…1) as a percentage with at most one decimal, in the UI language. Null → «—». */
export function useFormatPercent(): (share: number | null) => string {
  const [locale] = useLocale();
  return useMemo(() => {
    const format = new Intl.NumberFormat(intlLocale(locale), { style: 'percent', maximumFractionDigits: 1 });
    return (share: number | null) => (share === null || !Number.isFinite(share) ? '—' : format.format(share));
  }, [locale]);
}
