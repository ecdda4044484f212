// Unknown address, or a section this person may not use (the same answer: nothing to see here).
import { Button, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useT } from '../i18n/I18nProvider';
import { PageTitle } from '../layout/PageTitle';

export function NotFoundPage() {
  const t = useT();
  return (
    <>
      <PageTitle>{t('notFound.title')}</PageTitle>
      <Text mb="md">{t('notFound.text')}</Text>
      <Button component={Link} to="/" variant="default">
        {t('notFound.home')}
      </Button>
    </>
  );
}
