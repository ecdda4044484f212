// Whether the service's directory is readable without login through the open HSDS API (off by
// default): its entries and the national ones, at the address shown.
import { Stack, Switch, Text, Title } from '@mantine/core';
import { CopyField } from '../../components/CopyField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useDirectorySettings, useSetDirectorySettings } from '../../directory/transferApi';
import { useT } from '../../i18n/I18nProvider';

export function PublicAccessSwitch({ tenantId }: { tenantId: string }) {
  const t = useT();
  const settings = useDirectorySettings(tenantId);
  const save = useSetDirectorySettings(tenantId);
  const on = save.isPending ? (save.variables?.public ?? false) : (settings.data?.public ?? false);
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t('directory.public.title')}
      </Title>
      <Switch
        label={t('directory.public.label')}
        description={t('directory.public.hint')}
        checked={on}
        disabled={!settings.data || save.isPending}
        onChange={(e) => save.mutate({ public: e.currentTarget.checked })}
      />
      <ErrorAlert error={settings.error ?? save.error} />
      {settings.data?.public && (
        <>
          <Text size="sm">{t('directory.public.address')}</Text>
          <CopyField label={t('directory.public.url')} value={`${window.location.origin}/api/hsds/public/${tenantId}/`} />
        </>
      )}
    </Stack>
  );
}
