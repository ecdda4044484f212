// «Экспорт»: the chosen service's directory (with the national entries it sees) as HSDS JSON or a
// CSV data package; progress while it is written, then the file downloads (and a link stays, in
// case the browser held the download back).
import { Alert, Anchor, Button, Group, Progress, Radio, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { exportFileUrl, useExportJob, useStartExport } from '../../directory/transferApi';
import type { TransferFormat } from '../../directory/types';
import { useT } from '../../i18n/I18nProvider';

export function ExportSection({ tenantId }: { tenantId: string }) {
  const t = useT();
  const [format, setFormat] = useState<TransferFormat>('json');
  const [jobId, setJobId] = useState<string | null>(null);
  const start = useStartExport();
  const progress = useExportJob(jobId);
  const job = progress.data;
  const downloaded = useRef<string | null>(null);
  const running = start.isPending || (jobId !== null && (!job || job.status === 'running'));

  useEffect(() => {
    if (jobId === null || job?.status !== 'done' || downloaded.current === jobId) return;
    downloaded.current = jobId;
    const a = document.createElement('a');
    a.href = exportFileUrl(jobId);
    a.download = '';
    document.body.append(a);
    a.click();
    a.remove();
  }, [job, jobId]);

  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        {t('directory.export.title')}
      </Title>
      <Radio.Group label={t('directory.export.format')} value={format} onChange={(v) => setFormat(v as TransferFormat)}>
        <Group mt={4}>
          <Radio value="json" label={t('directory.export.json')} />
          <Radio value="csv" label={t('directory.export.csv')} />
        </Group>
      </Radio.Group>
      <Group>
        <Button
          variant="default"
          loading={running}
          onClick={() => {
            setJobId(null);
            start.mutate({ tenantId, format }, { onSuccess: (r) => setJobId(r.jobId) });
          }}
        >
          {t('directory.export.start')}
        </Button>
      </Group>
      <ErrorAlert error={start.error ?? progress.error} />
      {jobId !== null && job?.status === 'running' && (
        <Progress
          value={job.total > 0 ? Math.round((job.done / job.total) * 100) : 0}
          size="lg"
          maw={480}
          aria-label={t('directory.export.progress')}
          data-testid="export-progress"
        />
      )}
      {jobId !== null && job?.status === 'done' && (
        <Text size="sm" role="status">
          {t('directory.export.ready')}{' '}
          <Anchor href={exportFileUrl(jobId)} download>
            {t('directory.export.download')}
          </Anchor>
        </Text>
      )}
      {job?.status === 'failed' && (
        <Alert color="red" variant="light" role="alert">
          {t('directory.export.failed')}
        </Alert>
      )}
    </Stack>
  );
}
