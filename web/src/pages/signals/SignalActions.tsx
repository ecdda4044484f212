// The next step of a signal, as far as this person may take it: a supervisor who is not its author
// approves a draft (four eyes); its author may send an imminent-danger draft at once (reviewed later
// by a supervisor); an approved signal is sent — e-mail by itself when the server has an SMTP server,
// any other channel by a person who records it here; then the outcome is recorded and a supervisor
// closes it.
import { Button, Card, Group, List, NativeSelect, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useSession } from '../../auth/SessionContext';
import { channelKey, outcomeKey } from '../../cases/labels';
import { useRecordOutcome, useSignalAction, useSignalChannels } from '../../cases/signalsApi';
import { SIGNAL_OUTCOMES, type SignalOutcome, type SignalView } from '../../cases/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useT } from '../../i18n/I18nProvider';

export function SignalActions({ signal }: { signal: SignalView }) {
  const t = useT();
  const me = useSession();
  const action = useSignalAction(signal.id);
  const channels = useSignalChannels();
  const supervises = me.permissions.superviseServiceIds.includes(signal.serviceId);
  const own = signal.createdBy === me.user.id;
  const emailAuto = channels.data?.emailConfigured === true;
  const unsent = signal.addressees.filter((a) => a.sendStatus !== 'sent');
  const [sentAt, setSentAt] = useState('');
  const byHand = unsent.some((a) => !(a.channel === 'email' && emailAuto));
  const sentAtInvalid = sentAt !== '' && (Number.isNaN(Date.parse(sentAt)) || Date.parse(sentAt) > Date.now() + 60_000);
  const run = (a: 'approve' | 'send' | 'review' | 'close') =>
    action.mutate({ action: a, version: signal.version, ...(a === 'send' && sentAt ? { sentAt: new Date(sentAt).toISOString() } : {}) });
  const canSend = signal.status === 'approved' || (signal.status === 'drafted' && signal.urgency === 'imminent');
  const canReview = signal.sentWithoutApproval && !signal.reviewedAt && supervises && !own;
  const canOutcome = signal.status === 'sent' || signal.status === 'acknowledged';
  const canClose = signal.status === 'outcome_received' && supervises;
  if (!signal.canApprove && !canSend && !canReview && !canOutcome && !canClose && signal.status !== 'drafted') return null;

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="signal-next">
      <Title order={2} size="h4" id="signal-next" mb="sm">
        {t('signal.next')}
      </Title>
      <Stack gap="sm">
        <ErrorAlert error={action.error} />
        {signal.status === 'drafted' && !signal.canApprove && (
          <Text size="sm">{own ? t('signal.awaitsApprovalOwn') : t('signal.awaitsApproval')}</Text>
        )}
        {canSend && (
          <>
            <Text size="sm">{t('signal.sendExplain')}</Text>
            <List size="sm" data-testid="send-plan">
              {unsent.map((a) => (
                <List.Item key={a.id}>
                  {a.name}: {t(channelKey(a.channel))} —{' '}
                  {a.channel === 'email' && emailAuto ? t('signal.sendAuto', { email: a.email ?? '' }) : t('signal.sendByHand')}
                  {a.sendStatus === 'failed' && ` (${t('signal.sendFailedBefore', { detail: a.sendDetail ?? '' })})`}
                </List.Item>
              ))}
            </List>
            {!emailAuto && unsent.some((a) => a.channel === 'email') && (
              <Text size="sm" data-testid="email-off">
                {t('signal.emailOff')}
              </Text>
            )}
            {byHand && (
              <TextInput
                type="datetime-local"
                label={t('signal.sentAtByHand')}
                description={t('signal.sentAtByHandHint')}
                maw={320}
                value={sentAt}
                onChange={(e) => setSentAt(e.currentTarget.value)}
                error={sentAtInvalid ? t('signal.sentAtFuture') : null}
              />
            )}
          </>
        )}
        <Group gap="sm">
          {signal.canApprove && (
            <Button loading={action.isPending && action.variables?.action === 'approve'} onClick={() => run('approve')}>
              {t('signal.approve')}
            </Button>
          )}
          {canSend && (
            <Button
              color={signal.status === 'drafted' ? 'red' : undefined}
              variant={signal.canApprove ? 'default' : 'filled'}
              loading={action.isPending && action.variables?.action === 'send'}
              disabled={sentAtInvalid}
              onClick={() => run('send')}
            >
              {signal.status === 'drafted'
                ? t('signal.sendUrgent')
                : signal.addressees.some((a) => a.sendStatus === 'failed')
                  ? t('signal.sendAgain')
                  : t('signal.send')}
            </Button>
          )}
          {canReview && (
            <Button loading={action.isPending && action.variables?.action === 'review'} onClick={() => run('review')}>
              {t('signal.review')}
            </Button>
          )}
          {canClose && (
            <Button loading={action.isPending && action.variables?.action === 'close'} onClick={() => run('close')}>
              {t('signal.close')}
            </Button>
          )}
        </Group>
        {canOutcome && <OutcomeForm signal={signal} />}
      </Stack>
    </Card>
  );
}

function OutcomeForm({ signal }: { signal: SignalView }) {
  const t = useT();
  const record = useRecordOutcome(signal.id);
  const [outcome, setOutcome] = useState<SignalOutcome | ''>('');
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  return (
    <form
      noValidate
      aria-labelledby="signal-outcome"
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (outcome) record.mutate({ version: signal.version, outcome, ...(note.trim() ? { note: note.trim() } : {}) });
      }}
    >
      <Stack gap="xs" mt="sm">
        <Title order={3} size="h5" id="signal-outcome">
          {t('signal.outcomeTitle')}
        </Title>
        <ErrorAlert error={record.error} />
        <NativeSelect
          label={t('signal.outcomeLabel')}
          required
          maw={420}
          data={[{ value: '', label: t('signal.choose') }, ...SIGNAL_OUTCOMES.map((o) => ({ value: o, label: t(outcomeKey(o)) }))]}
          value={outcome}
          onChange={(e) => setOutcome(e.currentTarget.value as SignalOutcome | '')}
          error={tried && !outcome ? t('signal.outcomeRequired') : null}
        />
        <Textarea
          label={t('signal.outcomeNote')}
          autosize
          minRows={2}
          maxLength={5000}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
        <Group>
          <Button type="submit" variant="light" loading={record.isPending}>
            {t('signal.outcomeSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
