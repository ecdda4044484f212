// One directory entry as a card: name (a link to its page when `href` is given), organisation,
// status badges (open now, free, ages, national, not verified for a year), phones as tel: links,
// address, hours, what to say when referring, and the taxonomy terms. `full` adds the description,
// the regions served and the last verification date. `actions` go at the bottom (buttons).
import { Anchor, Badge, Group, Paper, Stack, Text, Title, type TitleOrder } from '@mantine/core';
import { useId, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useT } from '../i18n/I18nProvider';
import { ageLabel, telHref, useFormatDay } from './labels';
import type { DirectoryCard } from './types';

interface Props {
  card: DirectoryCard;
  /** The name links here (e.g. /directory/:id); none when embedded where leaving would lose work. */
  href?: string | undefined;
  headingLevel?: TitleOrder;
  full?: boolean;
  /** False where the page's own heading already names the entry. */
  withTitle?: boolean;
  actions?: ReactNode;
}

export function DirectoryCardView({ card, href, headingLevel = 3, full = false, withTitle = true, actions }: Props) {
  const t = useT();
  const titleId = useId();
  const formatDay = useFormatDay();
  const ages = ageLabel(t, card);

  return (
    <Paper
      component="article"
      withBorder
      p="md"
      radius="md"
      aria-labelledby={withTitle ? titleId : undefined}
      aria-label={withTitle ? undefined : card.name}
      data-testid="directory-card"
    >
      <Stack gap="xs">
        <div>
          {withTitle && (
            <Title order={headingLevel} size="h4" id={titleId}>
              {href ? (
                <Anchor component={Link} to={href} inherit>
                  {card.name}
                </Anchor>
              ) : (
                card.name
              )}
            </Title>
          )}
          {card.organizationName && card.organizationName !== card.name && <Text size="sm">{card.organizationName}</Text>}
        </div>
        <Group gap="xs">
          {card.openNow === true && (
            <Badge color="green" variant="light">
              {t('directory.openNow')}
            </Badge>
          )}
          {card.openNow === false && (
            <Badge color="gray" variant="light">
              {t('directory.closedNow')}
            </Badge>
          )}
          {card.free && (
            <Badge color="teal" variant="light">
              {t('directory.free')}
            </Badge>
          )}
          {ages && (
            <Badge color="blue" variant="light">
              {ages}
            </Badge>
          )}
          {card.national && (
            <Badge color="indigo" variant="light">
              {t('directory.national')}
            </Badge>
          )}
          {card.stale && (
            <Badge color="orange" variant="light" data-testid="stale-badge">
              {t('directory.stale')}
            </Badge>
          )}
        </Group>
        {full && card.description && <Text style={{ whiteSpace: 'pre-line' }}>{card.description}</Text>}
        <dl className="facts">
          {card.phones.length > 0 && (
            <>
              <dt>{t('directory.phones')}</dt>
              <dd>
                <ul className="plain-list">
                  {card.phones.map((p, i) => (
                    <li key={`${p.number}-${i}`}>
                      <Anchor href={telHref(p.number)}>{p.number}</Anchor>
                      {p.description && <Text span size="sm">{` — ${p.description}`}</Text>}
                    </li>
                  ))}
                </ul>
              </dd>
            </>
          )}
          {card.address && (
            <>
              <dt>{t('directory.address')}</dt>
              <dd>{card.address}</dd>
            </>
          )}
          {card.hours && (
            <>
              <dt>{t('directory.hours')}</dt>
              <dd>{card.hours}</dd>
            </>
          )}
          {full && card.areas.length > 0 && (
            <>
              <dt>{t('directory.areas')}</dt>
              <dd>{card.areas.join(', ')}</dd>
            </>
          )}
          {full && (
            <>
              <dt>{t('directory.assuredDate')}</dt>
              <dd>{card.assuredDate ? formatDay(card.assuredDate) : t('directory.neverVerified')}</dd>
            </>
          )}
        </dl>
        {card.referralNote && (
          <Paper bg="indigo.0" p="sm" radius="sm">
            <Text size="sm" fw={600}>
              {t('directory.referralNote')}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
              {card.referralNote}
            </Text>
          </Paper>
        )}
        {card.terms.length > 0 && (
          <Group component="ul" gap={6} className="chip-list" aria-label={t('directory.termsOf', { name: card.name })}>
            {card.terms.map((term) => (
              <li key={term.id}>
                <Badge variant="light" color="gray" radius="sm">
                  {term.name}
                </Badge>
              </li>
            ))}
          </Group>
        )}
        {actions && <Group gap="xs">{actions}</Group>}
      </Stack>
    </Paper>
  );
}
