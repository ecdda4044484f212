// The UI language: Russian by default, English on request. The choice is kept in localStorage,
// mirrored to <html lang> and to the API client (the server localises its error messages).
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { setApiLocale } from '../api';
import { en } from './en';
import { ru, type MessageKey, type Messages } from './ru';

export type Locale = 'ru' | 'en';

const CATALOGUES: Record<Locale, Messages> = { ru, en };
const STORAGE_KEY = 'doverie.locale';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

interface I18nValue {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

function storedLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'ru';
  } catch {
    return 'ru';
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(storedLocale);

  // Set during render as well as in the effect, so the very first API call already uses the choice.
  setApiLocale(locale);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private mode or storage disabled: the choice lasts for this page only.
    }
    setLocaleState(next);
  }, []);

  const value = useMemo<I18nValue>(() => {
    const messages = CATALOGUES[locale];
    const t: Translate = (key, params) =>
      params ? messages[key].replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole)) : messages[key];
    return { locale, setLocale, t };
  }, [locale, setLocale]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

export const useT = (): Translate => useI18n().t;
export const useLocale = (): [Locale, (locale: Locale) => void] => {
  const { locale, setLocale } = useI18n();
  return [locale, setLocale];
};
