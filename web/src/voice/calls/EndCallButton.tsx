// «Завершить звонок» on the live board: a supervisor ends a call that is stuck (waiting or in talk),
// after a confirmation. The server's own message is shown when it refuses (e.g. the SIP server does not
// answer). Shown only while telephony is switched on: without it the server has nothing to end.
import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ConfirmModal } from '../../components/ConfirmModal';
import { useDialog } from '../../components/useDialog';
import { useT } from '../../i18n/I18nProvider';
import type { ContactView } from '../../routing/types';
import { useVoiceStatus } from '../voiceApi';
import { telephonyOn, useEndCall } from './callsApi';

const ENDABLE = new Set<ContactView['state']>(['queued', 'offered', 'active']);

/** A waiting or connected call the supervisor may end. */
export const isEndableCall = (c: ContactView): boolean => c.channel === 'voice' && ENDABLE.has(c.state);

export function EndCallButton({ contact, label }: { contact: ContactView; label: string }) {
  const t = useT();
  const status = useVoiceStatus();
  const end = useEndCall(contact.serviceId);
  const dialog = useDialog<{ kind: 'end' }>();
  if (!isEndableCall(contact) || !telephonyOn(status.data)) return null;

  const confirm = () =>
    end.mutate(contact.id, {
      onSuccess: ({ ended }) => {
        notifications.show({ color: 'teal', message: ended ? t('voiceCall.ended') : t('voiceCall.alreadyEnded') });
        dialog.close();
      },
    });

  return (
    <>
      <Button
        size="compact-sm"
        variant="subtle"
        color="red"
        onClick={() => {
          end.reset();
          dialog.open({ kind: 'end' });
        }}
        aria-label={`${t('voiceCall.end')}: ${label}`}
      >
        {t('voiceCall.end')}
      </Button>
      <ConfirmModal
        opened={dialog.is('end')}
        title={t('voiceCall.endTitle')}
        text={t('voiceCall.endText')}
        confirmLabel={t('voiceCall.end')}
        danger
        pending={end.isPending}
        error={end.error}
        onConfirm={confirm}
        onClose={dialog.close}
      />
    </>
  );
}
