// «Передать случай»: a supervisor or the head gives the case to another member of the service. The
// change carries the version the page was read at; if someone changed the case since, the server
// answers 409 and its message says so. A counsellor the case is taken from no longer sees it.
import { Button, Group, Modal, NativeSelect, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useCaseAssignees } from '../../cases/caseAssignees';
import { useChangeCase } from '../../cases/casesApi';
import type { CaseView } from '../../cases/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { focusFirstInvalid } from '../../components/focusFirstInvalid';
import { Loading } from '../../components/LoadState';
import { useT } from '../../i18n/I18nProvider';

export function AssignCaseModal({ opened, view, onClose }: { opened: boolean; view: CaseView; onClose: () => void }) {
  const t = useT();
  return (
    <Modal opened={opened} onClose={onClose} title={t('case.assignTitle')}>
      {opened && <AssignForm view={view} onClose={onClose} />}
    </Modal>
  );
}

function AssignForm({ view, onClose }: { view: CaseView; onClose: () => void }) {
  const t = useT();
  const assignees = useCaseAssignees(view.id);
  const change = useChangeCase(view.id);
  const others = assignees.items.filter((a) => a.id !== view.assignedTo);
  const form = useForm({
    initialValues: { assignedTo: '' },
    validate: { assignedTo: (v) => (v ? null : t('case.assignRequired')) },
  });
  const submit = ({ assignedTo }: { assignedTo: string }) =>
    change.mutate(
      { version: view.version, assignedTo },
      {
        onSuccess: () => {
          notifications.show({
            color: 'teal',
            message: t('case.assigned', { name: others.find((a) => a.id === assignedTo)?.pseudonym ?? '' }),
          });
          onClose();
        },
      },
    );

  if (assignees.pending) return <Loading />;
  return (
    <form noValidate onSubmit={form.onSubmit(submit, focusFirstInvalid)}>
      <Stack>
        <Text size="sm">{t('case.assignText', { name: view.assigneePseudonym ?? '—' })}</Text>
        <ErrorAlert error={change.error ?? assignees.error} />
        {others.length === 0 ? (
          <Text>{t('case.assignNobody')}</Text>
        ) : (
          <NativeSelect
            label={t('case.assignTo')}
            description={t('case.assignHint')}
            required
            data-autofocus
            data={[{ value: '', label: t('signal.choose') }, ...others.map((a) => ({ value: a.id, label: a.pseudonym }))]}
            {...form.getInputProps('assignedTo')}
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          {others.length > 0 && (
            <Button type="submit" loading={change.isPending}>
              {t('case.assignSubmit')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
