// One directory entry on its own page (/directory/:id): everything the card holds, with the head's
// actions. Another service's entry the reader cannot see is «not found», as the server says.
import { Anchor, Stack } from '@mantine/core';
import { Link, useNavigate, useParams } from 'react-router';
import { LoadFailed, Loading } from '../../components/LoadState';
import { useDirectoryCard } from '../../directory/directoryApi';
import { DirectoryCardView } from '../../directory/DirectoryCardView';
import { useT } from '../../i18n/I18nProvider';
import { PageTitle } from '../../layout/PageTitle';
import { useEntryDialogs } from './useEntryDialogs';

export function DirectoryCardPage() {
  const t = useT();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const card = useDirectoryCard(id);
  const entries = useEntryDialogs({ onDeleted: () => void navigate('/directory') });

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/directory" size="sm">
        {t('directory.back')}
      </Anchor>
      <PageTitle documentTitle={card.data?.name ?? t('directory.title')}>{card.data?.name ?? t('directory.cardTitle')}</PageTitle>
      {card.isPending && <Loading />}
      {card.isError && <LoadFailed error={card.error} onRetry={() => void card.refetch()} />}
      {card.data && <DirectoryCardView card={card.data} full withTitle={false} actions={entries.actions(card.data)} />}
      {entries.dialogs}
    </Stack>
  );
}
