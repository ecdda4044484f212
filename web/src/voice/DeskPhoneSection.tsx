// «Настольный телефон»: long-lived SIP credentials for a desk phone — the counsellor's own in the
// workstation's phone panel, or a colleague's from «Сотрудники» (a head or supervisor of a service they
// take calls in; the server decides, policy.manageDeskPhone). Issuing (or regenerating: the old password stops working at once) shows the server,
// realm, user name and password once, with copy buttons; revoking makes the phone's next registration fail.
import { Button, Fieldset, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useSession } from '../auth/SessionContext';
import { ConfirmModal } from '../components/ConfirmModal';
import { CopyField } from '../components/CopyField';
import { ErrorAlert } from '../components/ErrorAlert';
import { useFormatDateTime } from '../i18n/format';
import { useT } from '../i18n/I18nProvider';
import { useDeskPhone, useIssueDeskPhone, useRevokeDeskPhone, type DeskPhoneCredentials } from './deskPhoneApi';

export function DeskPhoneSection({ staffId: forStaff }: { staffId?: string } = {}) {
  const t = useT();
  const formatDateTime = useFormatDateTime();
  const ownId = useSession().user.id;
  const staffId = forStaff ?? ownId;
  const status = useDeskPhone(staffId);
  const issue = useIssueDeskPhone(staffId);
  const revoke = useRevokeDeskPhone(staffId);
  const [confirm, setConfirm] = useState<'regenerate' | 'revoke' | null>(null);
  const [shown, setShown] = useState<DeskPhoneCredentials | null>(null);
  const issued = status.data?.issued === true;

  const doIssue = () =>
    issue.mutate(undefined, {
      onSuccess: (c) => {
        setConfirm(null);
        setShown(c);
      },
    });
  const closeConfirm = () => {
    setConfirm(null);
    issue.reset();
    revoke.reset();
  };

  return (
    <Fieldset legend={t('voice.desk.title')} variant="unstyled" data-testid="desk-phone">
      <Stack gap="xs">
        <ErrorAlert error={status.error ?? (confirm === null ? issue.error : null)} />
        {status.data && (
          <Text size="sm">
            {issued && status.data.issuedAt ? t('voice.desk.issuedAt', { at: formatDateTime(status.data.issuedAt) }) : t('voice.desk.none')}
          </Text>
        )}
        <Text size="sm" c="dimmed">
          {t('voice.desk.hint')}
        </Text>
        {status.data && (
          <Group gap="sm">
            {issued ? (
              <>
                <Button variant="default" onClick={() => setConfirm('regenerate')}>
                  {t('voice.desk.regenerate')}
                </Button>
                <Button variant="default" color="red" onClick={() => setConfirm('revoke')}>
                  {t('voice.desk.revoke')}
                </Button>
              </>
            ) : (
              <Button variant="default" onClick={doIssue} loading={issue.isPending}>
                {t('voice.desk.issue')}
              </Button>
            )}
          </Group>
        )}
      </Stack>
      <ConfirmModal
        opened={confirm === 'regenerate'}
        title={t('voice.desk.regenerateTitle')}
        text={t('voice.desk.regenerateText')}
        confirmLabel={t('voice.desk.regenerate')}
        pending={issue.isPending}
        error={issue.error}
        onConfirm={doIssue}
        onClose={closeConfirm}
      />
      <ConfirmModal
        opened={confirm === 'revoke'}
        title={t('voice.desk.revokeTitle')}
        text={t('voice.desk.revokeText')}
        confirmLabel={t('voice.desk.revoke')}
        danger
        pending={revoke.isPending}
        error={revoke.error}
        onConfirm={() => revoke.mutate(undefined, { onSuccess: () => setConfirm(null) })}
        onClose={closeConfirm}
      />
      <Modal opened={shown !== null} onClose={() => setShown(null)} title={t('voice.desk.shownTitle')} closeOnClickOutside={false} centered>
        {shown && (
          <Stack gap="sm" data-testid="desk-phone-credentials">
            <Text>{t('voice.desk.shownText')}</Text>
            <CopyField label={t('voice.desk.server')} value={shown.server} />
            <CopyField label={t('voice.desk.realm')} value={shown.realm} />
            <CopyField label={t('voice.desk.username')} value={shown.username} />
            <CopyField label={t('voice.desk.password')} value={shown.password} />
            <Group justify="flex-end" mt="sm">
              <Button onClick={() => setShown(null)}>{t('voice.desk.done')}</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Fieldset>
  );
}
