// «Главная»: who is signed in, with which roles, in which services. Shown to everyone; for a
// service's head and supervisors also the signals overdue in their services.
import { Box, Card, List, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { useSession } from '../auth/SessionContext';
import { roleKey } from '../components/roleLabel';
import { useT } from '../i18n/I18nProvider';
import { useFormatDateTime } from '../i18n/format';
import { PageTitle } from '../layout/PageTitle';
import { OverdueSignals } from './signals/OverdueSignals';

export function HomePage() {
  const t = useT();
  const formatDateTime = useFormatDateTime();
  const { user, services, sessionExpiresAt, permissions } = useSession();
  const serviceName = (id: string | null) =>
    id === null ? t('home.wholeNetwork') : (services.find((s) => s.id === id)?.name ?? t('staff.otherService'));
  const ownServiceIds = new Set(user.grants.map((g) => g.serviceId).filter((id): id is string => id !== null));
  const ownServices = services.filter((s) => ownServiceIds.has(s.id));

  return (
    <>
      <PageTitle documentTitle={t('home.title')}>{t('home.greeting', { name: user.pseudonym })}</PageTitle>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Card withBorder padding="lg" component="section" aria-labelledby="home-account">
          <Title order={2} size="h4" id="home-account" mb="sm">
            {t('home.account')}
          </Title>
          <dl className="facts">
            <dt>{t('home.pseudonym')}</dt>
            <dd>{user.pseudonym}</dd>
            <dt>{t('home.fullName')}</dt>
            <dd>{user.fullName}</dd>
            <dt>{t('home.login')}</dt>
            <dd>{user.login}</dd>
            <dt>{t('home.sessionUntil')}</dt>
            <dd>{formatDateTime(sessionExpiresAt)}</dd>
          </dl>
        </Card>
        <Card withBorder padding="lg" component="section" aria-labelledby="home-roles">
          <Title order={2} size="h4" id="home-roles" mb="sm">
            {t('home.roles')}
          </Title>
          <Table aria-labelledby="home-roles" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('home.role')}</Table.Th>
                <Table.Th scope="col">{t('home.service')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {user.grants.map((g) => (
                <Table.Tr key={`${g.serviceId ?? ''}:${g.role}`}>
                  <Table.Td>{t(roleKey(g.role))}</Table.Td>
                  <Table.Td>{serviceName(g.serviceId)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      </SimpleGrid>
      {ownServices.length > 0 && (
        <section aria-labelledby="home-services">
          <Title order={2} size="h4" id="home-services" mt="xl" mb="sm">
            {t('home.services')}
          </Title>
          <List spacing="xs">
            {ownServices.map((s) => (
              <List.Item key={s.id}>
                <Text span fw={600}>
                  {s.shortName ?? s.name}
                </Text>
                {s.shortName && <Text span className="muted">{` — ${s.name}`}</Text>}
              </List.Item>
            ))}
          </List>
        </section>
      )}
      {/* The head's (and supervisors') dashboard: signals overdue in every service they supervise. */}
      {permissions.superviseServiceIds.length > 0 && (
        <Box mt="xl">
          <OverdueSignals serviceId={null} />
        </Box>
      )}
    </>
  );
}
