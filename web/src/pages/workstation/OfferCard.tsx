// An offered contact: what it is, a live countdown to the deadline, accept (focused at once, so
// Enter accepts) and decline. The server closes the offer when the time is up. A call is answered on
// the phone: while this browser's softphone rings, accept answers it (the edge tells the server) and
// decline refuses it (486); when it does not ring here, a desk phone does, and the card says so.
import { Badge, Button, Card, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { focusLater } from '../../components/focusLater';
import { useT } from '../../i18n/I18nProvider';
import { formatDuration } from '../../i18n/format';
import { channelKey, RISK_COLOUR, riskKey } from '../../routing/labels';
import { useAnswerOffer } from '../../routing/routingApi';
import { secondsSince, secondsUntil, useNow } from '../../routing/time';
import type { OfferView } from '../../routing/types';
import { ChatOfferPreview } from '../../chat/ChatOfferPreview';
import { useSoftphone } from '../../voice/useSoftphone';
import { ContactDetails } from './ContactDetails';

export function OfferCard({ offer }: { offer: OfferView }) {
  const t = useT();
  const now = useNow(500);
  const answer = useAnswerOffer();
  const acceptRef = useRef<HTMLButtonElement>(null);
  const c = offer.contact;
  const id = `offer-${offer.id}`;
  const left = secondsUntil(offer.deadline, now);
  const total = Math.max(1, (Date.parse(offer.deadline) - Date.parse(offer.createdAt)) / 1000);
  const expired = left <= 0;
  const { phone, state } = useSoftphone();
  const call = c.channel === 'voice' ? state.call : null;
  // A call is answered on a phone: here if this browser's softphone rings, else on the desk phone.
  const answerable = c.channel !== 'voice' || (call !== null && call.phase !== 'active');

  useEffect(() => {
    // The offer needs an answer now: the keyboard goes to "accept", unless the person is in a dialog.
    if (answerable && !document.activeElement?.closest('[role="dialog"]')) acceptRef.current?.focus();
  }, [answerable]);

  const send = (what: 'accept' | 'decline') => {
    if (c.channel === 'voice') {
      if (what === 'accept') phone.answer();
      else phone.decline();
      return;
    }
    answer.mutate(
      { offerId: offer.id, answer: what },
      { onSuccess: () => (what === 'accept' ? focusLater(`contact-${c.id}`, 'ws-contacts') : focusLater('page-title')) },
    );
  };
  const pending = answer.isPending ? answer.variables.answer : call?.phase === 'answering' ? 'accept' : null;

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={`${id}-title`} className="offer-card" data-testid="offer-card">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={2} size="h3" id={`${id}-title`}>
              {t('ws.offerTitle')}
            </Title>
            <Text id={`${id}-summary`} fw={600} size="lg">
              {t(channelKey(c.channel))}, {t('routing.riskOf', { risk: t(riskKey(c.risk)) })}
            </Text>
          </div>
          <Badge size="lg" variant="light" color={RISK_COLOUR[c.risk]}>
            {t(riskKey(c.risk))}
          </Badge>
        </Group>
        <Text size="sm">{t(`ws.offerKind.${offer.kind}`)}</Text>
        <ContactDetails contact={c} />
        {c.channel === 'chat' && <ChatOfferPreview contact={c} />}
        <Text size="sm">{t('ws.waited', { time: formatDuration(secondsSince(c.queuedAt, now)) })}</Text>
        <Group gap="xs" align="baseline">
          <Text>{expired ? t('ws.offerExpired') : `${t('ws.timeLeft')}:`}</Text>
          {!expired && (
            <Text fw={700} size="xl" className="countdown">
              {formatDuration(left)}
            </Text>
          )}
        </Group>
        <div aria-hidden="true">
          <Progress value={Math.min(100, (left / total) * 100)} color={left <= 5 ? 'red' : 'orange'} size="sm" />
        </div>
        {!answerable && <Text fw={600}>{t(call?.phase === 'active' ? 'voice.phoneInCall' : 'voice.offerOnPhone')}</Text>}
        {answerable && (
          <Group gap="sm">
            <Button
              ref={acceptRef}
              size="md"
              color="teal"
              disabled={expired}
              loading={pending === 'accept'}
              aria-describedby={`${id}-summary`}
              onClick={() => send('accept')}
            >
              {t('ws.accept')}
            </Button>
            <Button
              size="md"
              variant="default"
              disabled={expired || call?.phase === 'answering'}
              loading={pending === 'decline'}
              aria-describedby={`${id}-summary`}
              onClick={() => send('decline')}
            >
              {t('ws.decline')}
            </Button>
          </Group>
        )}
        <ErrorAlert error={answer.error} />
      </Stack>
    </Card>
  );
}
