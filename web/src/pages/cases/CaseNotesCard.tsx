// The case's timeline of notes (sealed on the server), newest last, and a new note.
import { Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useAddNote } from '../../cases/casesApi';
import type { CaseView } from '../../cases/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useT } from '../../i18n/I18nProvider';
import { useFormatDateTime } from '../../i18n/format';

const NOTE_MAX = 10_000;

export function CaseNotesCard({ view, editable }: { view: CaseView; editable: boolean }) {
  const t = useT();
  const formatDateTime = useFormatDateTime();
  const add = useAddNote(view.id);
  const [text, setText] = useState('');
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="case-notes">
      <Title order={2} size="h4" id="case-notes" mb="sm">
        {t('case.notes')}
      </Title>
      {view.notes.length === 0 ? (
        <Text size="sm">{t('case.notesEmpty')}</Text>
      ) : (
        <Stack gap="sm" component="ol" className="plain-list" aria-labelledby="case-notes">
          {view.notes.map((n) => (
            <li key={n.id}>
              <Text size="xs" className="muted">
                {formatDateTime(n.at)} · {n.authorPseudonym ?? '—'}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {n.text}
              </Text>
            </li>
          ))}
        </Stack>
      )}
      {editable && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (text.trim()) add.mutate(text.trim(), { onSuccess: () => setText('') });
          }}
        >
          <Stack gap="xs" mt="md">
            <ErrorAlert error={add.error} />
            <Textarea
              label={t('case.newNote')}
              autosize
              minRows={2}
              maxLength={NOTE_MAX}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
            />
            <Group>
              <Button type="submit" variant="light" loading={add.isPending} disabled={!text.trim()}>
                {t('case.addNote')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Card>
  );
}
