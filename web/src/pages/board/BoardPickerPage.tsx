// «Мониторинг» without a service: the services this person supervises (straight to the one if only one).
import { Anchor, List, Text } from '@mantine/core';
import { Link, Navigate } from 'react-router';
import { useSession } from '../../auth/SessionContext';
import { serviceLabel } from '../../components/roleLabel';
import { useT } from '../../i18n/I18nProvider';
import { PageTitle } from '../../layout/PageTitle';

export const boardPath = (serviceId: string) => `/board/${serviceId}`;

export function BoardPickerPage() {
  const t = useT();
  const me = useSession();
  const services = me.services.filter((s) => me.permissions.superviseServiceIds.includes(s.id));
  if (services.length === 1) return <Navigate to={boardPath(services[0]!.id)} replace />;
  return (
    <>
      <PageTitle>{t('board.title')}</PageTitle>
      <Text mb="sm">{t('board.choose')}</Text>
      <List spacing="xs">
        {services.map((s) => (
          <List.Item key={s.id}>
            <Anchor component={Link} to={boardPath(s.id)}>
              {serviceLabel(s)}
            </Anchor>
          </List.Item>
        ))}
      </List>
    </>
  );
}
