// On a contact record: the case opened from it (a link), or «Открыть случай» when the child or caller
// wishes to be helped in person or the law obliges the service to act; and «Передать сигнал», a
// signal to the agencies straight from the contact, without a case (for those who work in the
// record's service: policy.openCase, which the record signal route applies, also asks for that).
import { Anchor, Button, Card, Divider, Group, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../../auth/SessionContext';
import { useCases } from '../../cases/casesApi';
import { useT } from '../../i18n/I18nProvider';
import { SignalFormModal } from '../signals/SignalFormModal';
import { casePath, OpenCaseModal } from './OpenCaseModal';

export function RecordCaseBlock({ recordId, serviceId }: { recordId: string; serviceId: string }) {
  const t = useT();
  const me = useSession();
  const [dialog, setDialog] = useState<'case' | 'signal' | null>(null);
  const cases = useCases(serviceId);
  const existing = cases.data?.find((c) => c.recordId === recordId);
  const mayRaise = me.permissions.dutyServiceIds.includes(serviceId);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="record-case">
      <Group justify="space-between" align="center">
        <div>
          <Title order={2} size="h4" id="record-case">
            {t('case.title')}
          </Title>
          <Text size="sm" className="muted">
            {existing ? t('case.openedFromRecord') : t('case.openHint')}
          </Text>
        </div>
        {existing ? (
          <Anchor component={Link} to={casePath(existing.id)}>
            {t('case.goTo')}
          </Anchor>
        ) : (
          <Button variant="light" onClick={() => setDialog('case')} disabled={cases.isPending}>
            {t('case.open')}
          </Button>
        )}
      </Group>
      {mayRaise && (
        <>
          <Divider my="sm" />
          <Group justify="space-between" align="center">
            <Text size="sm" className="muted" id="record-signal-hint">
              {t('signal.fromRecordHint')}
            </Text>
            <Button variant="default" onClick={() => setDialog('signal')} aria-describedby="record-signal-hint">
              {t('signal.raiseFromRecord')}
            </Button>
          </Group>
        </>
      )}
      <OpenCaseModal opened={dialog === 'case'} recordId={recordId} onClose={() => setDialog(null)} />
      <SignalFormModal opened={dialog === 'signal'} source={{ kind: 'record', recordId, serviceId }} onClose={() => setDialog(null)} />
    </Card>
  );
}
