// One contact in the counsellor's hands: its record ("Запись"), talk time and "end" while active;
// the wrap-up countdown, "extend" and "done" afterwards. A chat shows its panel (transcript, composer).
// A call taken on this browser's softphone shows the call controls (mute, hold, hang up) instead of "end".
import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { focusLater } from '../../components/focusLater';
import { useT } from '../../i18n/I18nProvider';
import { formatDuration } from '../../i18n/format';
import { channelKey, RISK_COLOUR, riskKey, stateKey } from '../../routing/labels';
import { useContactAction, type ContactAction } from '../../routing/routingApi';
import { secondsSince, secondsUntil, useNow } from '../../routing/time';
import type { ContactView } from '../../routing/types';
import { Link } from 'react-router';
import { ChatPanel } from '../../chat/ChatPanel';
import { useIsWebChat } from '../../chat/useIsWebChat';
import { recordPath } from '../records/RecordPage';
import { CallControls } from '../../voice/CallControls';
import { useSoftphone } from '../../voice/useSoftphone';
import { ContactDetails } from './ContactDetails';

const EXTEND_SECONDS = 60;

export function ContactCard({ contact, onTransfer }: { contact: ContactView; onTransfer: (contact: ContactView) => void }) {
  const t = useT();
  const now = useNow();
  const action = useContactAction();
  const webChat = useIsWebChat(contact);
  const titleId = `contact-${contact.id}`;
  const summary = `${t(channelKey(contact.channel))}, ${t('routing.riskOf', { risk: t(riskKey(contact.risk)) })}`;
  const act = (a: ContactAction) =>
    action.mutate(
      { contactId: contact.id, action: a },
      // The pressed button goes away with the state it belonged to: keep the keyboard on this card.
      { onSuccess: () => focusLater(titleId, 'ws-contacts') },
    );
  const pending = action.isPending ? action.variables.action.type : null;
  const label = (what: string) => `${what}: ${summary}`;
  const { phone, state } = useSoftphone();
  // One call at a time: the softphone's call in progress is this active call.
  const call = contact.channel === 'voice' && contact.state === 'active' && state.call?.phase === 'active' ? state.call : null;
  const inCall = call !== null;

  useEffect(() => {
    // Answered from the offer card, which is gone now: the keyboard comes to the call.
    if (inCall && document.activeElement === document.body) document.getElementById(titleId)?.focus();
  }, [inCall, titleId]);

  return (
    <Card withBorder padding="md" component="article" aria-labelledby={titleId} data-testid="contact-card">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start">
          <Title order={3} size="h5" id={titleId} tabIndex={-1} className="focus-target">
            {summary}
          </Title>
          <Group gap="xs">
            <Badge variant="light" color={RISK_COLOUR[contact.risk]}>
              {t(riskKey(contact.risk))}
            </Badge>
            <Badge variant="light" color={contact.state === 'wrapup' ? 'blue' : 'indigo'}>
              {t(stateKey(contact.state))}
            </Badge>
          </Group>
        </Group>
        <ContactDetails contact={contact} />
        {webChat && <ChatPanel contact={contact} />}
        <Group gap="sm">
          <Button
            component={Link}
            to={recordPath(contact.id, 'workstation')}
            variant="light"
            size="compact-md"
            aria-label={t('record.openRecordFor', { summary })}
          >
            {t('record.openRecord')}
          </Button>
        </Group>
        {contact.state === 'active' && (
          <>
            <Text>
              {t('ws.inWork')}:{' '}
              <Text span fw={700} className="countdown">
                {formatDuration(contact.acceptedAt ? secondsSince(contact.acceptedAt, now) : null)}
              </Text>
            </Text>
            {call && <CallControls phone={phone} call={call} context={summary} />}
            <Group gap="sm">
              {/* A chat ends with «Завершить чат» in its panel (the child is told, then wrap-up); a call by hanging up. */}
              {!webChat && !call && (
                <Button onClick={() => act({ type: 'end' })} loading={pending === 'end'} aria-label={label(t('ws.end'))}>
                  {t('ws.end')}
                </Button>
              )}
              <Button variant="default" onClick={() => onTransfer(contact)} aria-label={label(t('ws.transfer'))}>
                {t('ws.transfer')}
              </Button>
            </Group>
          </>
        )}
        {contact.state === 'wrapup' && (
          <>
            <Text>
              {t('ws.wrapUpLeft')}:{' '}
              <Text span fw={700} className="countdown">
                {formatDuration(contact.wrapUpUntil ? secondsUntil(contact.wrapUpUntil, now) : null)}
              </Text>
            </Text>
            <Group gap="sm">
              <Button onClick={() => act({ type: 'complete' })} loading={pending === 'complete'} aria-label={label(t('ws.done'))}>
                {t('ws.done')}
              </Button>
              <Button
                variant="default"
                onClick={() => act({ type: 'extend-wrap-up', seconds: EXTEND_SECONDS })}
                loading={pending === 'extend-wrap-up'}
                aria-label={label(t('ws.extend'))}
              >
                {t('ws.extend')}
              </Button>
            </Group>
          </>
        )}
        <ErrorAlert error={action.error} />
      </Stack>
    </Card>
  );
}
