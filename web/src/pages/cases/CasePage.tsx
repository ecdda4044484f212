// «Случай» at /cases/:id: how it was opened (consent or legal duty), its status and who has it, the
// child's data, the signals raised from it, the linked contacts (and the same caller's other contacts
// to confirm), the notes and the tasks; supervisors and the head give it to someone else («Передать
// случай»). Every read is audited by the server; the page reads once and after each change. A closed
// case is read-only.
import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useCase, useChangeCase } from '../../cases/casesApi';
import { CASE_STATUS_COLOUR, caseStatusKey, closeReasonKey, consentByKey, dutyKey, purposeKey } from '../../cases/labels';
import type { CaseView } from '../../cases/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadFailed, Loading } from '../../components/LoadState';
import { useT } from '../../i18n/I18nProvider';
import { useFormatDateTime } from '../../i18n/format';
import { PageTitle } from '../../layout/PageTitle';
import { recordPath } from '../records/RecordPage';
import { SignalFormModal } from '../signals/SignalFormModal';
import { AssignCaseModal } from './AssignCaseModal';
import { CaseContactsCard } from './CaseContactsCard';
import { CaseNotesCard } from './CaseNotesCard';
import { CasePersonalCard } from './CasePersonalCard';
import { CaseSignalsCard } from './CaseSignalsCard';
import { CaseTasksCard } from './CaseTasksCard';
import { CloseCaseModal } from './CloseCaseModal';

export function CasePage() {
  const t = useT();
  const { id = '' } = useParams();
  const view = useCase(id);
  return (
    <>
      <PageTitle>{t('case.title')}</PageTitle>
      <Anchor component={Link} to="/cases" mb="md" display="inline-block">
        {t('case.toList')}
      </Anchor>
      {view.isPending && <Loading />}
      {view.isError && <LoadFailed error={view.error} onRetry={() => void view.refetch()} />}
      {view.data && <CaseContent view={view.data} />}
    </>
  );
}

function CaseContent({ view }: { view: CaseView }) {
  const t = useT();
  const formatDateTime = useFormatDateTime();
  const change = useChangeCase(view.id);
  const [dialog, setDialog] = useState<'close' | 'signal' | 'assign' | null>(null);
  const closed = view.status === 'closed';
  const basis =
    view.basis.kind === 'consent'
      ? t('case.basisConsentText', {
          by: t(consentByKey(view.basis.by)),
          at: formatDateTime(view.basis.at),
          purposes: view.basis.purposes.map((p) => t(purposeKey(p))).join(', '),
        })
      : t('case.basisDutyText', { reason: t(dutyKey(view.basis.reason)) });

  return (
    <Stack gap="lg">
      <Card withBorder padding="md" component="section" aria-label={t('case.summary')}>
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <dl className="facts">
            <dt>{t('case.statusLabel')}</dt>
            <dd>
              <Badge variant="light" color={CASE_STATUS_COLOUR[view.status]} data-testid="case-status">
                {t(caseStatusKey(view.status))}
              </Badge>
              {view.closedReason && ` — ${t(closeReasonKey(view.closedReason))}`}
            </dd>
            <dt>{t('case.basis')}</dt>
            <dd data-testid="case-basis">{basis}</dd>
            <dt>{t('case.openedAt')}</dt>
            <dd>{formatDateTime(view.createdAt)}</dd>
            <dt>{t('case.assignee')}</dt>
            <dd data-testid="case-assignee">{view.assigneePseudonym ?? '—'}</dd>
            {view.recordId && (
              <>
                <dt>{t('case.fromRecord')}</dt>
                <dd>
                  <Anchor component={Link} to={recordPath(view.recordId)}>
                    {t('case.openRecord')}
                  </Anchor>
                </dd>
              </>
            )}
          </dl>
          {!closed && (
            <Group gap="sm">
              <Button onClick={() => setDialog('signal')}>{t('signal.raise')}</Button>
              {view.status === 'open' && (
                <Button
                  variant="default"
                  loading={change.isPending}
                  onClick={() => change.mutate({ version: view.version, status: 'in_work' })}
                >
                  {t('case.takeInWork')}
                </Button>
              )}
              {view.canAssign && (
                <Button variant="default" onClick={() => setDialog('assign')}>
                  {t('case.assign')}
                </Button>
              )}
              <Button variant="default" onClick={() => setDialog('close')}>
                {t('case.close')}
              </Button>
            </Group>
          )}
        </Group>
        <ErrorAlert error={change.error} />
        {view.destroyedAt && (
          <Text size="sm" mt="sm">
            {t('case.destroyed', { time: formatDateTime(view.destroyedAt) })}
          </Text>
        )}
      </Card>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <CasePersonalCard view={view} editable={!closed} />
        <CaseSignalsCard view={view} onRaise={closed ? null : () => setDialog('signal')} />
      </SimpleGrid>
      <CaseContactsCard view={view} editable={!closed} />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <CaseNotesCard view={view} editable={!closed} />
        <CaseTasksCard view={view} editable={!closed} />
      </SimpleGrid>
      <CloseCaseModal opened={dialog === 'close'} view={view} onClose={() => setDialog(null)} />
      <AssignCaseModal opened={dialog === 'assign'} view={view} onClose={() => setDialog(null)} />
      <SignalFormModal opened={dialog === 'signal'} source={{ kind: 'case', view }} onClose={() => setDialog(null)} />
    </Stack>
  );
}
