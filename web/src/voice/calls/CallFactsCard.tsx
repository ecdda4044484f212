// «Звонок» on a contact's record: what the SIP edge knows of the call — how long the caller waited,
// how long it rang at the counsellor's phone, how long they talked (мм:сс), how it ended, who hung up
// and whether the greeting played. A contact that is not a call shows nothing.
import { Card, Title } from '@mantine/core';
import { LoadFailed } from '../../components/LoadState';
import { useT, type Translate } from '../../i18n/I18nProvider';
import { formatDuration } from '../../i18n/format';
import type { MessageKey } from '../../i18n/ru';
import { useCallFacts, type CallFacts } from './callsApi';

const seconds = (ms: number | null) => (ms === null ? null : ms / 1000);

function outcomeKey(call: CallFacts): MessageKey {
  if (call.outcome === 'answered') return 'voiceCall.outcome.answered';
  if (call.outcome === 'abandoned')
    return call.abandonedStage === 'ringing' ? 'voiceCall.outcome.abandonedRinging' : 'voiceCall.outcome.abandonedQueued';
  if (call.outcome === null && call.endedBy === null) return 'voiceCall.outcome.inProgress';
  return 'voiceCall.outcome.failed';
}

function rows(call: CallFacts, t: Translate): [MessageKey, string][] {
  return [
    ['voiceCall.wait', formatDuration(seconds(call.waitMs))],
    ['voiceCall.ring', formatDuration(seconds(call.ringMs))],
    ['voiceCall.talk', formatDuration(seconds(call.talkMs))],
    ['voiceCall.outcome', t(outcomeKey(call))],
    ['voiceCall.endedBy', call.endedBy ? t(`voiceCall.endedBy.${call.endedBy}`) : '—'],
    ['voiceCall.greeting', t(call.greetingDone ? 'voiceCall.greeting.done' : 'voiceCall.greeting.notDone')],
  ];
}

export function CallFactsCard({ callId }: { callId: string }) {
  const t = useT();
  const call = useCallFacts(callId, true);
  if (call.isError) return <LoadFailed error={call.error} onRetry={() => void call.refetch()} />;
  if (!call.data) return null;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="record-call">
      <Title order={2} size="h4" id="record-call" mb="sm">
        {t('voiceCall.facts')}
      </Title>
      <dl className="facts">
        {rows(call.data, t).map(([label, value]) => (
          <div key={label} className="facts-row">
            <dt>{t(label)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
