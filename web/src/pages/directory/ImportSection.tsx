// «Импорт»: an HSDS JSON file or a CSV data package (.zip) into the chosen service's directory.
// Either all of it is saved or nothing (unless «пропустить ошибочные строки» is ticked, when only
// the bad rows are left out); the progress shows while it runs, then what was imported and every
// rejected row with its file and line.
import { Alert, Button, Checkbox, FileInput, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatOf, useImportJob, useStartImport } from '../../directory/transferApi';
import type { ImportJob } from '../../directory/types';
import { useT } from '../../i18n/I18nProvider';

/** Bigger files are refused before sending (the server has its own limit too). */
const MAX_FILE_BYTES = 50 * 1024 * 1024;

export function ImportSection({ tenantId }: { tenantId: string }) {
  const t = useT();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [skipBadRows, setSkipBadRows] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const start = useStartImport();
  const job = useImportJob(jobId);
  const running = start.isPending || (jobId !== null && (!job.data || job.data.status === 'running'));

  const submit = () => {
    if (!file) return setFileError(t('directory.import.chooseFile'));
    if (file.size > MAX_FILE_BYTES) return setFileError(t('directory.import.tooBig', { mb: MAX_FILE_BYTES / 1024 / 1024 }));
    setFileError(null);
    setJobId(null);
    start.mutate({ tenantId, file, format: formatOf(file), skipBadRows }, { onSuccess: (r) => setJobId(r.jobId) });
  };

  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        {t('directory.import.title')}
      </Title>
      <Text size="sm">{t('directory.import.intro')}</Text>
      <FileInput
        label={t('directory.import.file')}
        placeholder={t('directory.import.choose')}
        accept=".json,application/json,.zip,application/zip"
        clearable
        clearButtonProps={{ 'aria-label': t('directory.import.clear') }}
        value={file}
        error={fileError}
        onChange={(f) => {
          setFile(f);
          setFileError(null);
        }}
        maw={480}
      />
      <Checkbox label={t('directory.import.skipBadRows')} checked={skipBadRows} onChange={(e) => setSkipBadRows(e.currentTarget.checked)} />
      <Group>
        <Button onClick={submit} loading={running}>
          {t('directory.import.start')}
        </Button>
      </Group>
      <ErrorAlert error={start.error ?? job.error} />
      {job.data && <ImportResult job={job.data} />}
    </Stack>
  );
}

function ImportResult({ job }: { job: ImportJob }) {
  const t = useT();
  const percent = job.total > 0 ? Math.round((job.done / job.total) * 100) : 0;
  const imported = Object.entries(job.imported).filter(([, n]) => n > 0);
  return (
    <Stack gap="sm" data-testid="import-result">
      {job.status === 'running' && (
        <Progress value={percent} size="lg" maw={480} aria-label={t('directory.import.progress')} data-testid="import-progress" />
      )}
      <Text size="sm" role="status">
        {job.status === 'running'
          ? t('directory.progress', { done: job.done, total: job.total })
          : job.status === 'done'
            ? t('directory.import.done', { n: Object.values(job.imported).reduce((a, b) => a + b, 0) })
            : ''}
      </Text>
      {job.status === 'failed' && (
        <Alert color="red" variant="light" role="alert">
          {t('directory.import.failed')}
        </Alert>
      )}
      {job.status === 'done' && imported.length > 0 && <Text size="sm">{imported.map(([kind, n]) => `${kind}: ${n}`).join(', ')}</Text>}
      {job.errors.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table striped withTableBorder>
            <Table.Caption>
              {job.errorCount > job.errors.length
                ? t('directory.import.errorsFirst', { n: job.errors.length, total: job.errorCount })
                : t('directory.import.errors', { n: job.errorCount })}
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('directory.import.errFile')}</Table.Th>
                <Table.Th scope="col">{t('directory.import.errLine')}</Table.Th>
                <Table.Th scope="col">{t('directory.import.errField')}</Table.Th>
                <Table.Th scope="col">{t('directory.import.errMessage')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {job.errors.map((e, i) => (
                <Table.Tr key={`${e.file}:${e.line}:${i}`}>
                  <Table.Td>{e.file ?? '—'}</Table.Td>
                  <Table.Td>{e.line ?? '—'}</Table.Td>
                  <Table.Td>{e.field ?? '—'}</Table.Td>
                  <Table.Td>{e.message}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
