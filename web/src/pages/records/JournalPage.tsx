// «Журнал обращений»: the records of a service, filtered, newest first, 50 at a time with
// «Показать ещё». A counsellor sees own records; supervisors and the head the service's (the
// server scopes the list the same way).
import { Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useSession } from '../../auth/SessionContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/LoadState';
import { useT } from '../../i18n/I18nProvider';
import { PageTitle } from '../../layout/PageTitle';
import { reasonIndex } from '../../records/labels';
import { useClassification, useJournal } from '../../records/recordsApi';
import { useBoard } from '../../routing/boardApi';
import { emptyFilters, JournalFilters, toApiFilters, type FilterValues } from './JournalFilters';
import { JournalTable } from './JournalTable';

export function JournalPage() {
  const t = useT();
  const me = useSession();
  const services = me.services.filter((s) => me.permissions.dutyServiceIds.includes(s.id));
  const [filters, setFilters] = useState<FilterValues>(() => emptyFilters(services[0]?.id ?? ''));
  const supervises = me.permissions.superviseServiceIds.includes(filters.serviceId);
  const journal = useJournal(toApiFilters(filters));
  const classification = useClassification(filters.serviceId || null);
  const board = useBoard(supervises ? filters.serviceId : null);
  const items = journal.data?.pages.flatMap((p) => p.items) ?? [];

  // Counsellors to filter by: those on the live board and those already in the list.
  const counsellors = new Map<string, string>();
  for (const c of board.data?.counsellors ?? []) counsellors.set(c.staffId, c.pseudonym);
  for (const r of items) if (r.staffId && r.staffPseudonym) counsellors.set(r.staffId, r.staffPseudonym);

  return (
    <>
      <PageTitle>{t('journal.title')}</PageTitle>
      <Stack gap="lg">
        <JournalFilters
          services={services}
          classification={classification.data}
          counsellors={supervises ? [...counsellors].map(([id, pseudonym]) => ({ id, pseudonym })) : null}
          initial={filters}
          onApply={setFilters}
        />
        {!supervises && <Text size="sm">{t('journal.own')}</Text>}
        <ErrorAlert error={journal.error} />
        {journal.isPending && journal.fetchStatus !== 'idle' && <Loading />}
        {journal.data &&
          (items.length === 0 ? (
            <Text>{t('journal.empty')}</Text>
          ) : (
            <>
              <Text size="sm" role="status">
                {t('journal.shown', { n: items.length })}
              </Text>
              <JournalTable items={items} index={reasonIndex(classification.data)} withCounsellor={supervises} />
              {journal.hasNextPage && (
                <Group>
                  <Button variant="default" loading={journal.isFetchingNextPage} onClick={() => void journal.fetchNextPage()}>
                    {t('journal.more')}
                  </Button>
                </Group>
              )}
            </>
          ))}
      </Stack>
    </>
  );
}
