// The call in progress: who (only ever «Абонент»), its state and timer, and the buttons — answer and
// decline while it rings; mute, hold (toggles, aria-pressed) and hang up once answered. `context`
// names the contact on a contact card, so that its buttons differ from the panel's for a screen reader.
import { Button, Group, Stack, Text } from '@mantine/core';
import { useT } from '../i18n/I18nProvider';
import { formatDuration } from '../i18n/format';
import type { Softphone } from './softphone';
import type { CallState } from './softphoneState';
import { useTicker } from './useTicker';

interface Props {
  phone: Softphone;
  call: CallState;
  context?: string;
  /** Answer and decline are shown (on the panel; the offer card has its own). */
  withAnswer?: boolean;
}

export function CallControls({ phone, call, context, withAnswer = false }: Props) {
  const t = useT();
  const now = useTicker(call.answeredAt !== null);
  const name = (what: string) => (context ? `${what}: ${context}` : what);
  const answered = call.phase === 'active';
  const seconds = call.answeredAt === null ? null : (now - call.answeredAt) / 1000;

  return (
    <Stack gap="xs" data-testid="call-controls">
      <Group gap="sm" align="baseline">
        <Text fw={700}>{t('voice.caller')}</Text>
        <Text>{call.held ? t('voice.onHold') : t(`voice.phase.${call.phase}`)}</Text>
        {answered && (
          <Text>
            {t('voice.callTime')}:{' '}
            <Text span fw={700} className="countdown" data-testid="call-timer">
              {formatDuration(seconds)}
            </Text>
          </Text>
        )}
      </Group>
      <Group gap="sm" role="group" aria-label={name(t('voice.controls'))}>
        {withAnswer && call.phase !== 'active' && (
          <>
            <Button color="teal" loading={call.phase === 'answering'} onClick={() => phone.answer()} aria-label={name(t('voice.answer'))}>
              {t('voice.answer')}
            </Button>
            <Button
              variant="default"
              disabled={call.phase === 'answering'}
              onClick={() => phone.decline()}
              aria-label={name(t('voice.decline'))}
            >
              {t('voice.decline')}
            </Button>
          </>
        )}
        {answered && (
          <>
            <Button
              variant={call.muted ? 'filled' : 'default'}
              aria-pressed={call.muted}
              onClick={() => phone.toggleMute()}
              aria-label={name(t('voice.mute'))}
            >
              {t('voice.mute')}
            </Button>
            <Button
              variant={call.held ? 'filled' : 'default'}
              aria-pressed={call.held}
              loading={call.holdPending}
              onClick={() => void phone.toggleHold()}
              aria-label={name(t('voice.hold'))}
            >
              {t('voice.hold')}
            </Button>
            <Button color="red" onClick={() => phone.hangup()} aria-label={name(t('voice.hangup'))}>
              {t('voice.hangup')}
            </Button>
          </>
        )}
      </Group>
    </Stack>
  );
}
