// «Запись об обращении» at /records/:id: loads the record and opens the form. A routed contact's
// record is opened by the server as the contact arrives; a 404 just after accepting may mean it
// is still on its way, so the page offers to try again.
import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import { Link, useLocation, useParams } from 'react-router';
import { isApiError } from '../../api';
import { LoadFailed, Loading } from '../../components/LoadState';
import { useT } from '../../i18n/I18nProvider';
import { PageTitle } from '../../layout/PageTitle';
import { useRecord } from '../../records/recordsApi';
import { RecordForm } from './RecordForm';

export const recordPath = (id: string, from?: 'workstation' | 'journal') => `/records/${id}${from ? `?from=${from}` : ''}`;

export function RecordPage() {
  const t = useT();
  const { id = '' } = useParams();
  const { search } = useLocation();
  const fromWorkstation = new URLSearchParams(search).get('from') === 'workstation';
  const record = useRecord(id);

  return (
    <>
      <PageTitle>{t('record.title')}</PageTitle>
      <Anchor component={Link} to={fromWorkstation ? '/workstation' : '/records'} mb="md" display="inline-block">
        {fromWorkstation ? t('record.toWorkstation') : t('record.toJournal')}
      </Anchor>
      {(record.isPending || !record.isFetchedAfterMount) && !record.isError && <Loading />}
      {record.isError &&
        (isApiError(record.error, 'record.not_found') ? (
          <Alert color="orange" variant="light" role="alert">
            <Stack gap="sm" align="flex-start">
              <Text size="sm">{t('record.notCreated')}</Text>
              <Button variant="default" onClick={() => void record.refetch()}>
                {t('app.retry')}
              </Button>
            </Stack>
          </Alert>
        ) : (
          <LoadFailed error={record.error} onRetry={() => void record.refetch()} />
        ))}
      {record.data && record.isFetchedAfterMount && <RecordForm key={record.data.id} record={record.data} />}
    </>
  );
}
