// The frame of every signed-in page: header (product, person, language, sign out), the section
// navigation and <main>. While a password change is forced there is nothing to navigate to.
import { AppShell, Burger, Group, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useSession } from '../auth/SessionContext';
import { useT } from '../i18n/I18nProvider';
import { LanguageSwitch } from './LanguageSwitch';
import { Navigation } from './Navigation';
import { MAIN_ID, SkipLink } from './SkipLink';
import { UserMenu } from './UserMenu';

const NAV_ID = 'main-navigation';

export function AppLayout({ children }: { children: ReactNode }) {
  const t = useT();
  const me = useSession();
  const [opened, { toggle, close }] = useDisclosure(false);
  const withNav = !me.user.mustChangePassword;

  return (
    <>
      <SkipLink />
      <AppShell
        header={{ height: 60 }}
        navbar={withNav ? { width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } } : undefined}
        padding="lg"
      >
        <AppShell.Header>
          <Group h="100%" px={{ base: 'xs', sm: 'md' }} justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              {withNav && (
                <Burger
                  opened={opened}
                  onClick={toggle}
                  hiddenFrom="sm"
                  size="sm"
                  aria-label={t('nav.toggle')}
                  aria-expanded={opened}
                  aria-controls={NAV_ID}
                />
              )}
              <Text component={Link} to="/" className="brand" fw={700} size="xl">
                {t('app.name')}
              </Text>
            </Group>
            <Group gap="xs" wrap="nowrap">
              {/* On narrow screens the switch moves into the (burger) navigation to leave room. */}
              <LanguageSwitch visibleFrom={withNav ? 'sm' : undefined} />
              <UserMenu />
            </Group>
          </Group>
        </AppShell.Header>
        {withNav && (
          <AppShell.Navbar p="sm" id={NAV_ID} aria-label={t('nav.label')}>
            <AppShell.Section grow>
              <Navigation onNavigate={close} />
            </AppShell.Section>
            <AppShell.Section hiddenFrom="sm">
              <LanguageSwitch />
            </AppShell.Section>
          </AppShell.Navbar>
        )}
        <AppShell.Main id={MAIN_ID} tabIndex={-1} className="main">
          {children}
        </AppShell.Main>
      </AppShell>
    </>
  );
}
