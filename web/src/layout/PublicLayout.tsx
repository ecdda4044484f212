// The frame of pages shown before signing in: a centred card with the product name and language switch.
import { Box, Center, Group, Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useT } from '../i18n/I18nProvider';
import { LanguageSwitch } from './LanguageSwitch';
import { MAIN_ID, SkipLink } from './SkipLink';

export function PublicLayout({ children }: { children: ReactNode }) {
  const t = useT();
  return (
    <>
      <SkipLink />
      <Box component="header" className="public-header">
        <Group justify="space-between" px="md" h={60}>
          <Text fw={700} size="xl" className="brand">
            {t('app.name')}
          </Text>
          <LanguageSwitch />
        </Group>
      </Box>
      <Center component="main" id={MAIN_ID} tabIndex={-1} className="public-main">
        <Paper withBorder shadow="sm" p="xl" radius="md" w="100%" maw={420}>
          {children}
        </Paper>
      </Center>
    </>
  );
}
