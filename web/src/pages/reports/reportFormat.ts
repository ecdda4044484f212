// Showing report figures: counts ('<5' as is), shares as percentages, seconds as durations.
import { useMemo } from 'react';
import { useLocale } from '../../i18n/I18nProvider';
import { formatDuration } from '../../i18n/format';
import type { Cell, Derived, Label } from '../../reports/types';

export function useReportFormat() {
  const [locale] = useLocale();
  return useMemo(() => {
    const intl = locale === 'ru' ? 'ru-RU' : 'en-GB';
    const number = new Intl.NumberFormat(intl);
    const percent = new Intl.NumberFormat(intl, { style: 'percent', maximumFractionDigits: 1 });
    return {
      count: (c: Cell | undefined) => (c === undefined ? '—' : typeof c === 'number' ? number.format(c) : c),
      share: (d: Derived) => (d === null ? '—' : typeof d === 'number' ? percent.format(d) : d),
      seconds: (d: Derived) => (d === null ? '—' : typeof d === 'number' ? formatDuration(d) : d),
      label: (l: Label) => (locale === 'en' ? l.en : l.ru),
    };
  }, [locale]);
}

/** A count for a chart: a suppressed one is drawn as 0 (the page says so). */
export const chartValue = (c: Cell): number => (typeof c === 'number' ? c : 0);
