// Where the draft stands: saving, saved at hh:mm, unsaved, or failed; a conflict with another tab
// offers to reload. A failure is announced (role="alert"); routine saves are not read out.
import { Alert, Button, Stack, Text } from '@mantine/core';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useT } from '../../i18n/I18nProvider';
import { useFormatTime } from '../../i18n/format';
import type { RecordEditor } from '../../records/useRecordEditor';

export function SaveStatus({ editor, correcting }: { editor: RecordEditor; correcting: boolean }) {
  const t = useT();
  const formatTime = useFormatTime();
  const { state, savedAt } = editor;
  if (state === 'conflict')
    return (
      <Alert color="red" variant="light" role="alert" title={t('record.conflictTitle')}>
        <Stack gap="sm" align="flex-start">
          <Text size="sm">{t('record.conflictText')}</Text>
          <Button color="red" onClick={() => void editor.reload()}>
            {t('record.reload')}
          </Button>
        </Stack>
      </Alert>
    );
  const text =
    state === 'saving'
      ? t('record.saving')
      : state === 'pending'
        ? t('record.pending')
        : state === 'error'
          ? t('record.saveFailed')
          : savedAt
            ? t(correcting ? 'record.correctionSavedAt' : 'record.savedAt', { time: formatTime(savedAt) })
            : '';
  return (
    <>
      <Text size="sm" className="muted" data-testid="save-status" mih={22}>
        {text}
      </Text>
      {state === 'error' && <ErrorAlert error={editor.error} />}
    </>
  );
}
