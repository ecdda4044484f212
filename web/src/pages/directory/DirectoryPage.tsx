// «Справочник»: where else a child can get help. Every staff member searches it; a service's head
// (and the admin) also adds and changes entries, edits the taxonomy, imports and exports the
// service's directory and decides whether it is readable without login; supervisors export it.
import { Button, Group, Tabs } from '@mantine/core';
import { useState } from 'react';
import { useSession } from '../../auth/SessionContext';
import { editableServices, exportableServices } from '../../directory/access';
import { DirectorySearch } from '../../directory/DirectorySearch';
import { useT } from '../../i18n/I18nProvider';
import { PageTitle } from '../../layout/PageTitle';
import { TermsPanel } from './TermsPanel';
import { TransferPanel } from './TransferPanel';
import { useEntryDialogs } from './useEntryDialogs';

type Tab = 'search' | 'terms' | 'transfer';

export function DirectoryPage() {
  const t = useT();
  const me = useSession();
  const editable = editableServices(me);
  const exportable = exportableServices(me);
  const entries = useEntryDialogs();
  const [tab, setTab] = useState<Tab>('search');

  const search = <DirectorySearch cardHref={(card) => `/directory/${card.id}`} renderActions={entries.actions} />;
  const tabs = editable.length > 0 || exportable.length > 0;

  return (
    <>
      <Group justify="space-between" align="flex-start">
        <PageTitle>{t('directory.title')}</PageTitle>
        {entries.canCreate && <Button onClick={entries.openCreate}>{t('directory.add')}</Button>}
      </Group>
      {tabs ? (
        // The panels stay mounted: a search survives a look at the taxonomy or the import.
        <Tabs value={tab} onChange={(v) => setTab((v as Tab | null) ?? 'search')}>
          <Tabs.List mb="md">
            <Tabs.Tab value="search">{t('directory.tab.search')}</Tabs.Tab>
            {editable.length > 0 && <Tabs.Tab value="terms">{t('directory.tab.terms')}</Tabs.Tab>}
            <Tabs.Tab value="transfer">{t('directory.tab.transfer')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="search">{search}</Tabs.Panel>
          {editable.length > 0 && (
            <Tabs.Panel value="terms">
              <TermsPanel services={editable} />
            </Tabs.Panel>
          )}
          <Tabs.Panel value="transfer">
            <TransferPanel editable={editable} exportable={exportable} />
          </Tabs.Panel>
        </Tabs>
      ) : (
        search
      )}
      {entries.dialogs}
    </>
  );
}
