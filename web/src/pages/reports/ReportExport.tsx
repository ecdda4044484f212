// «Выгрузить в Excel»: starts the export of the report on screen, shows its progress, and when the
// file is ready downloads it (and keeps a link, in case the browser held the download back).
import { Alert, Anchor, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useT } from '../../i18n/I18nProvider';
import { exportFileUrl, useExportProgress, useStartExport } from '../../reports/reportsApi';
import type { ReportParams } from '../../reports/types';

export function ReportExport({ params }: { params: ReportParams }) {
  const t = useT();
  const start = useStartExport();
  const [exportId, setExportId] = useState<string | null>(null);
  const progress = useExportProgress(exportId);
  const downloaded = useRef<string | null>(null);
  const job = progress.data;
  const running = start.isPending || (exportId !== null && (!job || job.status === 'running'));

  useEffect(() => {
    if (job?.status !== 'done' || downloaded.current === job.id) return;
    downloaded.current = job.id;
    const a = document.createElement('a');
    a.href = exportFileUrl(job.id);
    a.download = '';
    document.body.append(a);
    a.click();
    a.remove();
  }, [job]);

  return (
    <Stack gap="xs">
      <Group>
        <Button variant="default" loading={running} onClick={() => start.mutate(params, { onSuccess: (view) => setExportId(view.id) })}>
          {t('reports.export')}
        </Button>
      </Group>
      <ErrorAlert error={start.error ?? progress.error} />
      {exportId !== null && job && job.status === 'running' && (
        <Progress
          value={Math.round(job.progress * 100)}
          size="lg"
          aria-label={t('reports.exportProgress')}
          maw={420}
          data-testid="export-progress"
        />
      )}
      {job?.status === 'done' && (
        <Text size="sm" role="status">
          {t('reports.exportReady')}{' '}
          <Anchor href={exportFileUrl(job.id)} download>
            {t('reports.download')}
          </Anchor>
        </Text>
      )}
      {job?.status === 'failed' && (
        <Alert color="red" variant="light" role="alert">
          {t('reports.exportFailed')}
        </Alert>
      )}
    </Stack>
  );
}
