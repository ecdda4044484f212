// «Закрыть случай» with its reason. A closed case takes no more changes; its data are kept for the
// service's retention period and then destroyed.
import { Button, Group, Modal, Radio, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useCloseCase } from '../../cases/casesApi';
import { closeReasonKey } from '../../cases/labels';
import { CLOSE_REASONS, type CaseView, type CloseReason } from '../../cases/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useT } from '../../i18n/I18nProvider';

export function CloseCaseModal({ opened, view, onClose }: { opened: boolean; view: CaseView; onClose: () => void }) {
  const t = useT();
  const close = useCloseCase(view.id);
  const [reason, setReason] = useState<CloseReason | ''>('');
  const [missing, setMissing] = useState(false);
  return (
    <Modal opened={opened} onClose={onClose} title={t('case.closeTitle')}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!reason) return setMissing(true);
          close.mutate({ version: view.version, reason }, { onSuccess: onClose });
        }}
      >
        <Stack>
          <Text size="sm">{t('case.closeText')}</Text>
          <ErrorAlert error={close.error} />
          <Radio.Group
            label={t('case.closeReason')}
            required
            value={reason}
            onChange={(v) => {
              setReason(v as CloseReason);
              setMissing(false);
            }}
            error={missing ? t('case.closeReasonRequired') : null}
          >
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt="xs">
              {CLOSE_REASONS.map((r) => (
                <Radio key={r} value={r} label={t(closeReasonKey(r))} />
              ))}
            </SimpleGrid>
          </Radio.Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} data-autofocus>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={close.isPending}>
              {t('case.closeSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
