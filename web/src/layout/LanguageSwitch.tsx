// Switches the UI between Russian and English. The button is written in the language it offers.
import { Button, type MantineBreakpoint } from '@mantine/core';
import { useLocale, useT } from '../i18n/I18nProvider';

export function LanguageSwitch({ visibleFrom }: { visibleFrom?: MantineBreakpoint | undefined }) {
  const t = useT();
  const [locale, setLocale] = useLocale();
  const other = locale === 'ru' ? 'en' : 'ru';
  return (
    <Button
      variant="subtle"
      size="compact-md"
      lang={t('header.otherLanguageCode')}
      onClick={() => setLocale(other)}
      {...(visibleFrom ? { visibleFrom } : {})}
    >
      {t('header.otherLanguage')}
    </Button>
  );
}
