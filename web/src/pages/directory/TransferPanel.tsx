// «Импорт и экспорт»: for the chosen service, import (its head and methodologists), export (its
// supervisors, head and methodologists) and public access (its head).
import { Divider, NativeSelect, Stack } from '@mantine/core';
import { useState } from 'react';
import { useSession } from '../../auth/SessionContext';
import { canPublish } from '../../directory/access';
import { serviceLabel } from '../../components/roleLabel';
import { useT } from '../../i18n/I18nProvider';
import type { ServiceSummary } from '../../types';
import { ExportSection } from './ExportSection';
import { ImportSection } from './ImportSection';
import { PublicAccessSwitch } from './PublicAccessSwitch';

export function TransferPanel({ editable, exportable }: { editable: ServiceSummary[]; exportable: ServiceSummary[] }) {
  const t = useT();
  const me = useSession();
  const services = [...editable, ...exportable.filter((s) => !editable.some((e) => e.id === s.id))];
  const [tenantId, setTenantId] = useState(services[0]?.id ?? '');
  const canEdit = editable.some((s) => s.id === tenantId);
  const canExport = exportable.some((s) => s.id === tenantId);
  return (
    <Stack gap="lg">
      {services.length > 1 && (
        <NativeSelect
          label={t('directory.transfer.service')}
          data={services.map((s) => ({ value: s.id, label: serviceLabel(s) }))}
          value={tenantId}
          onChange={(e) => setTenantId(e.currentTarget.value)}
          maw={480}
        />
      )}
      {canEdit && <ImportSection key={`import-${tenantId}`} tenantId={tenantId} />}
      {canEdit && canExport && <Divider />}
      {canExport && <ExportSection key={`export-${tenantId}`} tenantId={tenantId} />}
      {canPublish(me, tenantId) && <Divider />}
      {canPublish(me, tenantId) && <PublicAccessSwitch tenantId={tenantId} />}
    </Stack>
  );
}
