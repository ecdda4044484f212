// The child's data held by the case (sealed field by field on the server; this read was audited),
// and their change.
import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useChangeCase } from '../../cases/casesApi';
import { fieldKey } from '../../cases/labels';
import { PERSONAL_FIELDS, type CaseView } from '../../cases/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { focusFirstInvalid } from '../../components/focusFirstInvalid';
import { focusLater } from '../../components/focusLater';
import { useT } from '../../i18n/I18nProvider';
import { ageError, emptyPersonal, PersonalFields, toPersonal, type PersonalValues } from './PersonalFields';

export function CasePersonalCard({ view, editable }: { view: CaseView; editable: boolean }) {
  const t = useT();
  const [editing, setEditing] = useState(false);
  const shown = PERSONAL_FIELDS.filter((f) => view.personal[f] != null);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="case-personal">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="case-personal">
          {t('case.personal')}
        </Title>
        {editable && !editing && (
          <Button variant="default" size="xs" id="case-personal-edit" onClick={() => setEditing(true)}>
            {t('common.edit')}
          </Button>
        )}
      </Group>
      {editing ? (
        <PersonalForm
          view={view}
          onDone={() => {
            setEditing(false);
            focusLater('case-personal-edit');
          }}
        />
      ) : shown.length === 0 ? (
        <Text size="sm">{t('case.personalEmpty')}</Text>
      ) : (
        <dl className="facts" data-testid="case-personal">
          {shown.map((f) => (
            <div key={f} style={{ display: 'contents' }}>
              <dt>{t(fieldKey(f))}</dt>
              <dd style={{ whiteSpace: 'pre-wrap' }}>{String(view.personal[f])}</dd>
            </div>
          ))}
        </dl>
      )}
    </Card>
  );
}

function PersonalForm({ view, onDone }: { view: CaseView; onDone: () => void }) {
  const t = useT();
  const change = useChangeCase(view.id);
  const form = useForm<{ personal: PersonalValues }>({
    initialValues: { personal: emptyPersonal(view.personal) },
    validate: { personal: { childAge: (v) => ageError(v, t('common.numberRange', { min: 0, max: 25 })) } },
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit(
        (v) => change.mutate({ version: view.version, personal: toPersonal(v.personal, true) }, { onSuccess: onDone }),
        focusFirstInvalid,
      )}
    >
      <Stack>
        <ErrorAlert error={change.error} />
        <PersonalFields form={form} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={change.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
