// What a page shows while its data loads or when loading failed (with a retry).
import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { useT } from '../i18n/I18nProvider';

export function Loading() {
  const t = useT();
  return (
    // The label is on the status region: a Loader renders a <span>, which may not carry aria-label.
    <Center py="xl" role="status" aria-label={t('app.loading')}>
      <Loader />
    </Center>
  );
}

export function LoadFailed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const t = useT();
  const message = error instanceof Error ? error.message : t('app.loadFailed');
  return (
    <Alert color="red" role="alert" title={t('app.loadFailed')}>
      <Stack gap="sm" align="flex-start">
        <span>{message}</span>
        <Button variant="default" onClick={onRetry}>
          {t('app.retry')}
        </Button>
      </Stack>
    </Alert>
  );
}
