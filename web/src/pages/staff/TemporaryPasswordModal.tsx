// Shows a generated password exactly once, with a copy button. It is not kept anywhere after closing.
import { Button, Group, Modal, Text } from '@mantine/core';
import { CopyField } from '../../components/CopyField';
import { useT } from '../../i18n/I18nProvider';
import type { StaffWithPassword } from '../../types';

interface Props {
  opened: boolean;
  result: Required<StaffWithPassword> | null;
  onClose: () => void;
}

export function TemporaryPasswordModal({ opened, result, onClose }: Props) {
  const t = useT();
  return (
    <Modal opened={opened && result !== null} onClose={onClose} title={t('staff.tempTitle')} closeOnClickOutside={false} centered>
      {result && <PasswordShown result={result} onClose={onClose} />}
    </Modal>
  );
}

function PasswordShown({ result, onClose }: { result: Required<StaffWithPassword>; onClose: () => void }) {
  const t = useT();
  return (
    <>
      <Text mb="md">{t('staff.tempText', { name: result.staff.pseudonym, login: result.staff.login })}</Text>
      <CopyField label={t('staff.tempLabel')} value={result.temporaryPassword} />
      <Group justify="flex-end" mt="lg">
        <Button onClick={onClose}>{t('staff.tempDone')}</Button>
      </Group>
    </>
  );
}
