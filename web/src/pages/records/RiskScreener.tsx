// The suicide risk screener: the questions in order, each yes / no / unclear; follow-ups appear
// after a yes. Every answer goes to the server at once, which sets the level (and alerts the
// supervisor on an imminent one); the level is shown in colour and in words.
import { Alert, Badge, Group, Radio, Stack, Text, Title } from '@mantine/core';
import { useLocale, useT } from '../../i18n/I18nProvider';
import { answerKey, riskLevelKey, RISK_LEVEL_COLOUR } from '../../records/labels';
import {
  askedQuestions,
  prunedAnswers,
  RISK_ANSWER_VALUES,
  type RiskAnswer,
  type RiskAnswers,
  type RiskLevel,
} from '../../records/vocabulary';

interface Props {
  answers: RiskAnswers;
  level: RiskLevel;
  onChange: (answers: RiskAnswers) => void;
}

export function RiskScreener({ answers, level, onChange }: Props) {
  const t = useT();
  const [locale] = useLocale();
  return (
    <section aria-labelledby="record-risk">
      <Title order={2} size="h4" id="record-risk" mb={4}>
        {t('record.risk')}
      </Title>
      <Text size="sm" className="muted" mb="sm">
        {t('record.riskHint')}
      </Text>
      <Stack gap="sm">
        {askedQuestions(answers).map((q, i) => (
          <Radio.Group
            key={q.id}
            name={`risk-${q.id}`}
            label={`${i + 1}. ${locale === 'en' ? q.textEn : q.textRu}`}
            value={answers[q.id] ?? ''}
            onChange={(v) => onChange(prunedAnswers({ ...answers, [q.id]: v as RiskAnswer }))}
          >
            <Group gap="lg" mt={4}>
              {RISK_ANSWER_VALUES.map((a) => (
                <Radio key={a} value={a} label={t(answerKey(a))} />
              ))}
            </Group>
          </Radio.Group>
        ))}
      </Stack>
      <Group mt="md" gap="xs" aria-live="polite" data-testid="risk-level">
        <Text fw={600}>{t('record.riskLevel')}:</Text>
        <Badge size="lg" variant="light" color={RISK_LEVEL_COLOUR[level]} className="risk-badge">
          {t(riskLevelKey(level))}
        </Badge>
      </Group>
      {level === 'imminent' && (
        <Alert color="red" variant="filled" role="alert" title={t('record.imminentTitle')} mt="sm">
          {t('record.imminentText')}
        </Alert>
      )}
    </section>
  );
}
