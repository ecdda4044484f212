// "Are you sure?" for actions that are hard to undo. The safe choice (cancel) gets focus first.
import { Button, Group, Modal, Text } from '@mantine/core';
import { ErrorAlert } from './ErrorAlert';
import { useT } from '../i18n/I18nProvider';

interface Props {
  opened: boolean;
  title: string;
  text: string;
  confirmLabel: string;
  danger?: boolean;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}

export function ConfirmModal({ opened, title, text, confirmLabel, danger, pending, error, onConfirm, onClose }: Props) {
  const t = useT();
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      <ErrorAlert error={error} />
      <Text mb="lg">{text}</Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose} data-autofocus>
          {t('common.cancel')}
        </Button>
        <Button color={danger ? 'red' : undefined} onClick={onConfirm} loading={pending}>
          {confirmLabel}
        </Button>
      </Group>
    </Modal>
  );
}
