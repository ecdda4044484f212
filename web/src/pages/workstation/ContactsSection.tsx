// «Мои обращения»: the contacts in the counsellor's hands, the transfer dialog, recording an
// offline contact (a call taken on a line not connected to Doverie), and a record made by hand.
import { Button, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDialog } from '../../components/useDialog';
import { useT } from '../../i18n/I18nProvider';
import type { ContactView } from '../../routing/types';
import { ManualRecordModal } from '../records/ManualRecordModal';
import { ContactCard } from './ContactCard';
import { OfflineContactModal } from './OfflineContactModal';
import { TransferModal } from './TransferModal';

type Dialog = { kind: 'transfer'; contact: ContactView } | { kind: 'offline' } | { kind: 'manual' };

export function ContactsSection({ contacts, serviceId }: { contacts: ContactView[]; serviceId: string }) {
  const t = useT();
  const dialog = useDialog<Dialog>();
  const current = dialog.value;
  // Chats side by side (up to the service's chat capacity), then the other contacts.
  const chats = contacts.filter((c) => c.channel === 'chat');
  const others = contacts.filter((c) => c.channel !== 'chat');
  const card = (c: ContactView) => (
    <ContactCard key={c.id} contact={c} onTransfer={(contact) => dialog.open({ kind: 'transfer', contact })} />
  );
  return (
    <section aria-labelledby="ws-contacts">
      <Group justify="space-between" align="center" mb="sm">
        <Title order={2} size="h4" id="ws-contacts" tabIndex={-1} className="focus-target">
          {t('ws.myContacts')}
        </Title>
        <Group gap="sm">
          <Button variant="default" onClick={() => dialog.open({ kind: 'offline' })}>
            {t('offline.open')}
          </Button>
          <Button variant="default" onClick={() => dialog.open({ kind: 'manual' })}>
            {t('manual.open')}
          </Button>
        </Group>
      </Group>
      {contacts.length === 0 ? (
        <Text>{t('ws.noContacts')}</Text>
      ) : (
        <Stack gap="sm">
          {chats.length > 0 && <SimpleGrid cols={{ base: 1, lg: chats.length > 1 ? 2 : 1 }}>{chats.map(card)}</SimpleGrid>}
          {others.map(card)}
        </Stack>
      )}
      <TransferModal
        opened={dialog.is('transfer')}
        contact={current?.kind === 'transfer' ? current.contact : null}
        onClose={dialog.close}
      />
      <OfflineContactModal opened={dialog.is('offline')} serviceId={serviceId} onClose={dialog.close} />
      <ManualRecordModal opened={dialog.is('manual')} serviceId={serviceId} onClose={dialog.close} />
    </section>
  );
}
