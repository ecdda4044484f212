// The counsellor's status: which service (if several), on duty / break / offline, the "not
// responding" state after a lapsed offer with the way back, and desktop notifications.
import { Alert, Badge, Button, Card, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { serviceLabel } from '../../components/roleLabel';
import { useT } from '../../i18n/I18nProvider';
import { PRESENCE_COLOUR, presenceKey } from '../../routing/labels';
import { askNotificationPermission, notificationPermission, unlockSound } from '../../routing/offerAlert';
import { useSetPresence } from '../../routing/routingApi';
import { SETTABLE_PRESENCES, type SettablePresence, type Workstation } from '../../routing/types';
import type { ServiceSummary } from '../../types';

interface Props {
  workstation: Workstation;
  services: ServiceSummary[];
  serviceId: string;
  /** The service can change only while offline with nothing in hand. */
  serviceLocked: boolean;
  onServiceChange: (serviceId: string) => void;
}

export function PresencePanel({ workstation, services, serviceId, serviceLocked, onServiceChange }: Props) {
  const t = useT();
  const setPresence = useSetPresence();
  const [permission, setPermission] = useState(notificationPermission);

  const choose = (presence: SettablePresence) => {
    // Going on duty is a click: the moment to unlock sound and ask about notifications.
    if (presence === 'available') void askNotificationPermission().then(setPermission);
    else unlockSound();
    setPresence.mutate({ serviceId, presence });
  };
  const pendingPresence = setPresence.isPending ? setPresence.variables.presence : null;

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="ws-status">
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={2} size="h4" id="ws-status">
            {t('ws.status')}
          </Title>
          <Badge size="lg" variant="light" color={PRESENCE_COLOUR[workstation.shown]} data-testid="ws-presence">
            {t(presenceKey(workstation.shown))}
          </Badge>
        </Group>
        {services.length > 1 && (
          <NativeSelect
            label={t('ws.service')}
            maw={420}
            value={serviceId}
            disabled={serviceLocked}
            description={serviceLocked ? t('ws.serviceLocked') : undefined}
            onChange={(e) => onServiceChange(e.currentTarget.value)}
            data={services.map((s) => ({ value: s.id, label: serviceLabel(s) }))}
          />
        )}
        <Group gap="xs" role="group" aria-label={t('ws.presenceGroup')}>
          {SETTABLE_PRESENCES.map((p) => {
            const current = workstation.presence === p;
            return (
              <Button
                key={p}
                variant={current ? 'filled' : 'default'}
                aria-pressed={current}
                loading={pendingPresence === p}
                onClick={() => choose(p)}
              >
                {t(presenceKey(p))}
              </Button>
            );
          })}
        </Group>
        {workstation.presence === 'not_responding' && (
          <Alert color="red" variant="light" title={t('routing.presence.not_responding')}>
            <Stack gap="sm" align="flex-start">
              <Text size="sm">{t('ws.notResponding')}</Text>
              <Button color="red" onClick={() => choose('available')} loading={pendingPresence === 'available'}>
                {t('ws.returnToLine')}
              </Button>
            </Stack>
          </Alert>
        )}
        {permission === 'default' && (
          <Group gap="sm">
            <Button variant="subtle" onClick={() => void askNotificationPermission().then(setPermission)}>
              {t('ws.enableNotifications')}
            </Button>
            <Text size="sm" className="muted">
              {t('ws.notificationsHint')}
            </Text>
          </Group>
        )}
        <ErrorAlert error={setPresence.error} />
      </Stack>
    </Card>
  );
}
