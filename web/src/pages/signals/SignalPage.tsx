// One signal at /signals/:id: its number and status, whether it went without approval and awaits
// review, its deadlines, what happened and the child's data it carries (this read is audited by the
// server), the letter as a PDF, the addressees with how each was sent and the agency's incoming
// number, and the next step of its life (approve, send, review, outcome, close).
import { Alert, Anchor, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { fieldKey, outcomeKey, overdueKey, SIGNAL_STATUS_COLOUR, signalReasonKey, signalStatusKey, urgencyKey } from '../../cases/labels';
import { letterPdfUrl, useSignal } from '../../cases/signalsApi';
import { PERSONAL_FIELDS, type SignalView } from '../../cases/types';
import { LoadFailed, Loading } from '../../components/LoadState';
import { useT } from '../../i18n/I18nProvider';
import { useFormatDateTime } from '../../i18n/format';
import { PageTitle } from '../../layout/PageTitle';
import { casePath } from '../cases/OpenCaseModal';
import { useFormatDay } from '../cases/CaseTasksCard';
import { recordPath } from '../records/RecordPage';
import { AddresseesTable } from './AddresseesTable';
import { SignalActions } from './SignalActions';

export function SignalPage() {
  const t = useT();
  const { id = '' } = useParams();
  const signal = useSignal(id);
  const title = signal.data?.number ? t('signal.titleNumber', { number: signal.data.number }) : t('signal.titleDraft');
  return (
    <>
      <PageTitle documentTitle={t('signal.title')}>{title}</PageTitle>
      <Group gap="lg" mb="md">
        <Anchor component={Link} to="/signals">
          {t('signal.toRegister')}
        </Anchor>
        {signal.data?.caseId && (
          <Anchor component={Link} to={casePath(signal.data.caseId)}>
            {t('signal.toCase')}
          </Anchor>
        )}
        {signal.data?.recordId && !signal.data.caseId && (
          <Anchor component={Link} to={recordPath(signal.data.recordId)}>
            {t('case.openRecord')}
          </Anchor>
        )}
      </Group>
      {signal.isPending && <Loading />}
      {signal.isError && <LoadFailed error={signal.error} onRetry={() => void signal.refetch()} />}
      {signal.data && <SignalContent signal={signal.data} />}
    </>
  );
}

function SignalContent({ signal }: { signal: SignalView }) {
  const t = useT();
  const formatDateTime = useFormatDateTime();
  const formatDay = useFormatDay();
  const when = (iso: string | null) => (iso ? formatDateTime(iso) : '—');
  const child = PERSONAL_FIELDS.filter((f) => signal.child[f] != null);
  return (
    <Stack gap="lg">
      {signal.sentWithoutApproval && !signal.reviewedAt && (
        <Alert color="orange" variant="light" title={t('signal.unreviewed')} data-testid="signal-unreviewed">
          {t('signal.unreviewedText')}
        </Alert>
      )}
      <Card withBorder padding="md" component="section" aria-label={t('signal.summary')}>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <dl className="facts">
            <dt>{t('signal.statusLabel')}</dt>
            <dd>
              <Group gap={6}>
                <Badge variant="light" color={SIGNAL_STATUS_COLOUR[signal.status]} data-testid="signal-status">
                  {t(signalStatusKey(signal.status))}
                </Badge>
                {signal.overdue.map((k) => (
                  <Badge key={k} color="red" variant="filled">
                    {t(overdueKey(k))}
                  </Badge>
                ))}
              </Group>
            </dd>
            <dt>{t('signal.urgencyLabel')}</dt>
            <dd>{t(urgencyKey(signal.urgency))}</dd>
            <dt>{t('signal.reasonLabel')}</dt>
            <dd>{t(signalReasonKey(signal.reason))}</dd>
            <dt>{t('signal.number')}</dt>
            <dd data-testid="signal-number">
              {signal.number ? `${signal.number}, ${formatDay(signal.registeredOn!)}` : t('signal.notRegistered')}
            </dd>
            {signal.outcome && (
              <>
                <dt>{t('signal.outcomeLabel')}</dt>
                <dd>
                  {t(outcomeKey(signal.outcome))}
                  {signal.outcomeNote && ` — ${signal.outcomeNote}`}
                </dd>
              </>
            )}
          </dl>
          <dl className="facts">
            <dt>{t('signal.createdAt')}</dt>
            <dd>{when(signal.createdAt)}</dd>
            <dt>{t('signal.approvedAt')}</dt>
            <dd>{signal.sentWithoutApproval ? t('signal.withoutApproval') : when(signal.approvedAt)}</dd>
            {signal.sentWithoutApproval && (
              <>
                <dt>{t('signal.reviewedAt')}</dt>
                <dd>{when(signal.reviewedAt)}</dd>
              </>
            )}
            <dt>{t('signal.sentAt')}</dt>
            <dd>{when(signal.sentAt)}</dd>
            <dt>{t('signal.ackDue')}</dt>
            <dd>{signal.acknowledgedAt ? t('signal.ackDone', { time: formatDateTime(signal.acknowledgedAt) }) : when(signal.ackDueAt)}</dd>
            <dt>{t('signal.outcomeDue')}</dt>
            <dd>{when(signal.outcomeDueAt)}</dd>
          </dl>
        </SimpleGrid>
        <Group mt="md" gap="lg">
          <Anchor href={letterPdfUrl(signal.id)} download data-testid="letter-pdf">
            {signal.number ? t('signal.letterPdf') : t('signal.letterDraftPdf')}
          </Anchor>
        </Group>
      </Card>
      <SignalActions signal={signal} />
      <Card withBorder padding="md" component="section" aria-labelledby="signal-facts">
        <Title order={2} size="h4" id="signal-facts" mb="sm">
          {t('signal.facts')}
        </Title>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {signal.facts ?? t('signal.destroyed')}
        </Text>
        <Title order={3} size="h5" mt="md" mb="xs">
          {t('signal.childData')}
        </Title>
        {child.length === 0 ? (
          <Text size="sm">{t('signal.childNone')}</Text>
        ) : (
          <dl className="facts">
            {child.map((f) => (
              <div key={f} style={{ display: 'contents' }}>
                <dt>{t(fieldKey(f))}</dt>
                <dd style={{ whiteSpace: 'pre-wrap' }}>{String(signal.child[f])}</dd>
              </div>
            ))}
          </dl>
        )}
      </Card>
      <AddresseesTable signal={signal} />
    </Stack>
  );
}
