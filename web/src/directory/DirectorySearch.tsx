// The directory search, reusable: the search form, the results as cards, pages. The Справочник page
// uses it, and so can the record form and the chat panel to pick an entry:
//
//   <DirectorySearch pickLabel="Прикрепить" onPick={(card) => attach(card.id)} />
//   <DirectorySearch renderActions={(card) => <Button onClick={() => send(card)}>Отправить</Button>} />
//
// Props (all optional):
// - onPick(card) + pickLabel: one button on every card that hands the card back (label defaults to «Выбрать»);
// - renderActions(card): any buttons of your own on every card (shown after the pick button);
// - cardHref(card): where a card's name links (the page passes /directory/:id); no link when absent;
// - initial: starting filters, e.g. { age: '14' } from the record;
// - headingLevel: the level of the results' heading (default 2; card names one level below).
import { Button, Center, Group, Loader, Pagination, Stack, Text, Title, type TitleOrder } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useRef, useState, type ReactNode } from 'react';
import { ErrorAlert } from '../components/ErrorAlert';
import { useT } from '../i18n/I18nProvider';
import { emptySearch, PER_PAGE, useDirectorySearch } from './directoryApi';
import { DirectoryCardView } from './DirectoryCardView';
import { ageValid, DirectoryFilters, type FilterValues } from './DirectoryFilters';
import type { DirectoryCard } from './types';

export interface DirectorySearchProps {
  onPick?: (card: DirectoryCard) => void;
  pickLabel?: string;
  renderActions?: (card: DirectoryCard) => ReactNode;
  cardHref?: (card: DirectoryCard) => string | undefined;
  initial?: Partial<FilterValues>;
  headingLevel?: 2 | 3 | 4 | 5;
}

/** The pause after the last key before the words are searched. */
const TYPING_PAUSE_MS = 300;

export function DirectorySearch({ onPick, pickLabel, renderActions, cardHref, initial, headingLevel = 2 }: DirectorySearchProps) {
  const t = useT();
  const start = (): FilterValues => {
    const { page: _page, ...blank } = emptySearch();
    return { ...blank, ...initial };
  };
  const [filters, setFilters] = useState<FilterValues>(start);
  const [page, setPage] = useState(1);
  const [q, cancelPause] = useDebouncedValue(filters.q, TYPING_PAUSE_MS);
  // Enter searches the words at once; until the pause ends this holds them.
  const [submittedQ, setSubmittedQ] = useState<string | null>(null);
  const words = submittedQ ?? q;
  const results = useDirectorySearch({ ...filters, q: words, page }, ageValid(filters.age));
  const resultsRef = useRef<HTMLHeadingElement>(null);
  const data = results.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / PER_PAGE)) : 1;

  const change = (next: FilterValues) => {
    if (next.q !== filters.q) setSubmittedQ(null);
    setFilters(next);
    setPage(1);
  };
  const goTo = (next: number) => {
    setPage(next);
    // The new page's cards are read from the top: the heading takes focus (and scrolls into view).
    resultsRef.current?.focus();
  };

  return (
    <Stack gap="md">
      <DirectoryFilters
        values={filters}
        onChange={change}
        onSubmit={() => {
          cancelPause();
          setSubmittedQ(filters.q);
        }}
        onReset={() => change(start())}
      />
      <ErrorAlert error={results.error} />
      <Group justify="space-between" align="baseline">
        <Title order={headingLevel as TitleOrder} size="h3" ref={resultsRef} tabIndex={-1} className="focus-target">
          {t('directory.results')}
        </Title>
        {results.isFetching && <Loader size="sm" role="status" aria-label={t('app.loading')} />}
      </Group>
      <Text size="sm" role="status" data-testid="directory-found">
        {data ? (data.total === 0 ? t('directory.nothingFound') : t('directory.found', { n: data.total })) : ''}
      </Text>
      {!data && results.isPending && results.fetchStatus !== 'idle' && (
        <Center py="lg">
          <Loader role="status" aria-label={t('app.loading')} />
        </Center>
      )}
      {data && data.items.length > 0 && (
        <Stack component="ul" gap="sm" className="plain-list" aria-label={t('directory.results')} aria-busy={results.isFetching}>
          {data.items.map((card) => (
            <li key={card.id}>
              <DirectoryCardView
                card={card}
                href={cardHref?.(card)}
                headingLevel={(headingLevel + 1) as TitleOrder}
                actions={
                  onPick || renderActions ? (
                    <>
                      {onPick && (
                        <Button size="xs" onClick={() => onPick(card)} aria-label={`${pickLabel ?? t('directory.pick')}: ${card.name}`}>
                          {pickLabel ?? t('directory.pick')}
                        </Button>
                      )}
                      {renderActions?.(card)}
                    </>
                  ) : undefined
                }
              />
            </li>
          ))}
        </Stack>
      )}
      {data && pages > 1 && (
        <nav aria-label={t('directory.pages')}>
          <Pagination
            total={pages}
            value={Math.min(page, pages)}
            onChange={goTo}
            getItemProps={(n) => ({ 'aria-label': t('directory.page', { n }) })}
            getControlProps={(control) => ({ 'aria-label': t(`directory.page.${control}`) })}
          />
        </nav>
      )}
    </Stack>
  );
}
