// The record of one contact. Contact type first; a non-counselling contact needs nothing more, a
// counselling one the caller, reasons, risk screener, actions and summary. Drafts save themselves;
// «Завершить запись» validates on the server and the problems appear by their fields. A finalized
// record is read-only, with «Исправить» while the server allows corrections. A call's own facts
// (wait, ring, talk, how it ended) are shown under the contact's. «Направления» lists the referrals
// to the directory and, while the record may change, attaches and removes them. «Случай» opens a
// case from the contact (or links to the one opened).
import { Alert, Button, Card, Group, List, Radio, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { focusLater } from '../../components/focusLater';
import { Loading } from '../../components/LoadState';
import { useT } from '../../i18n/I18nProvider';
import { useFormatDateTime } from '../../i18n/format';
import { problemKey, reasonIndex, typeKey } from '../../records/labels';
import { useClassification } from '../../records/recordsApi';
import type { RecordView } from '../../records/types';
import { useRecordEditor } from '../../records/useRecordEditor';
import { CallFactsCard } from '../../voice/calls/CallFactsCard';
import { CHOOSABLE_CONTACT_TYPES, type ContactType } from '../../records/vocabulary';
import { RecordCaseBlock } from '../cases/RecordCaseBlock';
import { ActionsFields } from './ActionsFields';
import { CallerFields } from './CallerFields';
import { ReasonsPicker } from './ReasonsPicker';
import { RecordFacts } from './RecordFacts';
import { RecordSummary } from './RecordSummary';
import { ReferralsBlock } from './ReferralsBlock';
import { RiskScreener } from './RiskScreener';
import { SaveStatus } from './SaveStatus';

const FIELD_ORDER = ['contactType', 'callerType', 'reasons', 'referral'];

/** Puts the keyboard on the first field the server found a problem with. */
function focusProblem(fields: string[]) {
  const first = FIELD_ORDER.find((f) => fields.includes(f)) ?? fields[0];
  requestAnimationFrame(() => {
    const root = document.getElementById(`field-${first}`);
    const target = root?.matches('input, textarea, select') ? root : root?.querySelector<HTMLElement>('input:not([disabled]), textarea');
    (target ?? document.getElementById('record-problems'))?.focus();
  });
}

export function RecordForm({ record }: { record: RecordView }) {
  const t = useT();
  const formatDateTime = useFormatDateTime();
  const [correcting, setCorrecting] = useState(false);
  const open = record.status === 'open' || record.status === 'draft';
  const editor = useRecordEditor(record, open);
  const { view, values, problems, setField } = editor;
  const classification = useClassification(view.serviceId);
  const index = reasonIndex(classification.data);
  const [finalizing, setFinalizing] = useState(false);
  const [focusRequest, setFocusRequest] = useState(0);
  const editable = view.status === 'open' || view.status === 'draft' || correcting;
  const counselling = values.contactType === 'counselling';
  const errorOf = (field: string) => {
    const p = problems.find((x) => x.field === field);
    return p ? t(problemKey(p.code)) : null;
  };

  const finish = async () => {
    setFinalizing(true);
    const done = correcting ? await editor.save() : await editor.finalize();
    setFinalizing(false);
    if (done) {
      setCorrecting(false);
      notifications.show({ color: 'teal', message: correcting ? t('common.saved') : t('record.finalized') });
      focusLater('page-title');
    } else setFocusRequest((n) => n + 1);
  };

  // After a refused finalize the problems are on screen: put the keyboard on the first one.
  const problemFields = problems.map((p) => p.field).join(' ');
  useEffect(() => {
    if (focusRequest > 0 && problemFields) focusProblem(problemFields.split(' '));
    // Only a new finalize attempt moves focus, not a problem going away as the person fixes it.
  }, [focusRequest]);

  return (
    <Stack gap="lg">
      <RecordFacts view={view} />
      {view.channel === 'voice' && <CallFactsCard callId={view.id} />}
      {view.status !== 'void' && values.contactType !== 'missed' && <RecordCaseBlock recordId={view.id} serviceId={view.serviceId} />}
      {!editable && (
        <>
          <Card withBorder padding="md">
            <Group justify="space-between" align="center">
              <Text>
                {view.finalizedAt && t('record.finalizedAt', { time: formatDateTime(view.finalizedAt) })}{' '}
                {view.canEdit && view.editableUntil && t('record.editableUntil', { time: formatDateTime(view.editableUntil) })}
              </Text>
              {view.canEdit && view.status === 'final' && (
                <Button variant="default" onClick={() => setCorrecting(true)}>
                  {t('record.correct')}
                </Button>
              )}
            </Group>
          </Card>
          <RecordSummary values={values} index={index} />
          <ReferralsBlock editor={editor} editable={false} />
        </>
      )}
      {editable && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void finish();
          }}
        >
          <Stack gap="xl">
            <Radio.Group
              id="field-contactType"
              name="contactType"
              label={
                <Title order={2} size="h4" component="span">
                  {t('record.type')}
                </Title>
              }
              required
              value={values.contactType ?? ''}
              onChange={(v) => setField('contactType', v as ContactType)}
              error={errorOf('contactType')}
            >
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="xs" mt="xs">
                {CHOOSABLE_CONTACT_TYPES.map((type) => (
                  <Radio key={type} value={type} label={t(typeKey(type))} />
                ))}
              </SimpleGrid>
            </Radio.Group>
            {counselling && <CallerFields values={values} setField={setField} errorOf={errorOf} />}
            {(counselling || values.reasons.length > 0) &&
              // Until the classification is loaded the chosen reasons could show only as raw codes.
              (classification.data ? (
                <ReasonsPicker
                  classification={classification.data}
                  index={index}
                  value={values.reasons}
                  onChange={(v) => setField('reasons', v)}
                  error={errorOf('reasons')}
                />
              ) : (
                <Loading />
              ))}
            {counselling && <RiskScreener answers={values.riskAnswers ?? {}} level={view.riskLevel} onChange={editor.setRiskAnswers} />}
            {values.contactType !== null && <ReferralsBlock editor={editor} editable />}
            {values.contactType !== null && (
              <ActionsFields
                values={values}
                setField={setField}
                errorOf={errorOf}
                withActions={counselling}
                referrals={view.referrals.length}
              />
            )}
            {problems.length > 0 && (
              <Alert color="red" variant="light" role="alert" id="record-problems" tabIndex={-1} title={t('record.problemsTitle')}>
                <List size="sm">
                  {problems.map((p) => (
                    <List.Item key={`${p.field}:${p.code}`} data-problem-field={p.field}>
                      {t(problemKey(p.code))}
                    </List.Item>
                  ))}
                </List>
              </Alert>
            )}
            <SaveStatus editor={editor} correcting={correcting} />
            <Group gap="sm">
              <Button type="submit" size="md" loading={finalizing} disabled={editor.state === 'conflict'}>
                {correcting ? t('record.saveCorrection') : t('record.finalize')}
              </Button>
              {correcting && (
                <Button
                  variant="default"
                  size="md"
                  onClick={() => {
                    setCorrecting(false);
                    void editor.reload();
                  }}
                >
                  {t('record.cancelCorrection')}
                </Button>
              )}
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
