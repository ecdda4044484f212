// «Направления»: the record's referrals to the directory — each as it was when given (name, first
// phone) — and, while the record may change, «Найти службу в справочнике»: the directory search in a
// dialog (filters start from the child's age and region), «Направить» attaches the service.
import { Anchor, Button, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DirectorySearch } from '../../directory/DirectorySearch';
import { telHref } from '../../directory/labels';
import { useT } from '../../i18n/I18nProvider';
import type { RecordEditor } from '../../records/useRecordEditor';
import { useReferralFilters } from '../../records/useReferralFilters';

export function ReferralsBlock({ editor, editable }: { editor: RecordEditor; editable: boolean }) {
  const t = useT();
  const { view, values } = editor;
  const [searching, setSearching] = useState(false);
  const [removing, setRemoving] = useState<string | null>(null);
  const initial = useReferralFilters(values.childAge, values.region);
  const referrals = view.referrals;

  const attach = async (id: string, name: string) => {
    setSearching(false);
    if (await editor.attachReferral(id)) notifications.show({ color: 'teal', message: t('referrals.attached', { name }) });
  };
  const remove = async (id: string, name: string) => {
    setRemoving(id);
    const done = await editor.removeReferral(id);
    setRemoving(null);
    if (done) {
      notifications.show({ color: 'teal', message: t('referrals.removed', { name }) });
      // The removed row's button is gone: the keyboard goes back to the block's own button.
      requestAnimationFrame(() => document.getElementById('referrals-find')?.focus());
    }
  };

  return (
    <section aria-labelledby="record-referrals" data-testid="record-referrals">
      <Title order={2} size="h4" id="record-referrals" mb={4}>
        {t('referrals.title')}
      </Title>
      <Text size="sm" className="muted" mb="sm">
        {t('referrals.hint')}
      </Text>
      {referrals.length === 0 ? (
        <Text size="sm" mb="sm">
          {t('referrals.none')}
        </Text>
      ) : (
        <Stack component="ul" gap="xs" className="plain-list" aria-label={t('referrals.listLabel')} mb="sm">
          {referrals.map((r) => (
            <li key={r.id}>
              <Paper withBorder p="sm" radius="md">
                <Group justify="space-between" wrap="nowrap" gap="sm">
                  <div>
                    <Text fw={600}>{r.name}</Text>
                    {r.phone ? (
                      <Anchor href={telHref(r.phone)} size="sm">
                        {r.phone}
                      </Anchor>
                    ) : (
                      <Text size="sm" className="muted">
                        {t('referrals.noPhone')}
                      </Text>
                    )}
                  </div>
                  {editable && (
                    <Button
                      variant="default"
                      size="xs"
                      loading={removing === r.id}
                      aria-label={t('referrals.removeLabel', { name: r.name })}
                      onClick={() => void remove(r.id, r.name)}
                    >
                      {t('referrals.remove')}
                    </Button>
                  )}
                </Group>
              </Paper>
            </li>
          ))}
        </Stack>
      )}
      <ErrorAlert error={editor.referralError} />
      {editable && (
        <Button id="referrals-find" variant="light" onClick={() => setSearching(true)} disabled={editor.state === 'conflict'}>
          {t('referrals.find')}
        </Button>
      )}
      <Modal opened={searching} onClose={() => setSearching(false)} title={t('referrals.dialogTitle')} size="xl">
        <DirectorySearch
          headingLevel={3}
          initial={initial}
          pickLabel={t('referrals.attach')}
          onPick={(card) => void attach(card.id, card.name)}
        />
      </Modal>
    </section>
  );
}
