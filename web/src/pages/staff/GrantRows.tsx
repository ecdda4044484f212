// The "service + role" rows of a staff form. Choosing the whole network offers the national roles,
// choosing a service offers the service roles.
import { Button, Fieldset, Group, NativeSelect, Stack } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useSession } from '../../auth/SessionContext';
import { roleKey, serviceLabel } from '../../components/roleLabel';
import { useT } from '../../i18n/I18nProvider';
import { canGrantNational, grantableServices, NATIONAL, rolesFor, type GrantRow } from './grantOptions';

interface FormWithGrants {
  grants: GrantRow[];
}

export function GrantRows<V extends FormWithGrants>({ form, newRow }: { form: UseFormReturnType<V>; newRow: () => GrantRow }) {
  const t = useT();
  const me = useSession();
  const services = grantableServices(me);
  // The form's generic type cannot see that V has `grants`; this narrowed view can.
  const f = form as unknown as UseFormReturnType<FormWithGrants>;
  const rows = f.getValues().grants;

  const changeService = (index: number, serviceId: string) => {
    f.setFieldValue(`grants.${index}.serviceId`, serviceId);
    const roles = rolesFor(serviceId);
    const role = rows[index]?.role;
    if (!role || !roles.includes(role)) f.setFieldValue(`grants.${index}.role`, roles[0]!);
  };

  const serviceOptions = [
    { value: '', label: t('staff.grantChoose'), disabled: true },
    ...services.map((s) => ({ value: s.id, label: serviceLabel(s) })),
    ...(canGrantNational(me) ? [{ value: NATIONAL, label: t('staff.grantNational') }] : []),
  ];

  return (
    <Fieldset legend={t('staff.grants')}>
      <Stack gap="sm">
        {rows.map((row, index) => (
          <Group
            key={f.key(`grants.${index}`)}
            align="flex-start"
            wrap="nowrap"
            role="group"
            aria-label={t('staff.grantRow', { n: index + 1 })}
          >
            <NativeSelect
              label={t('staff.grantService')}
              data={serviceOptions}
              required
              flex={1}
              miw={0}
              {...f.getInputProps(`grants.${index}.serviceId`)}
              onChange={(e) => changeService(index, e.currentTarget.value)}
            />
            <NativeSelect
              label={t('staff.grantRole')}
              data={rolesFor(row.serviceId).map((r) => ({ value: r, label: t(roleKey(r)) }))}
              required
              w={{ base: 170, sm: 230 }}
              {...f.getInputProps(`grants.${index}.role`)}
            />
            {rows.length > 1 && (
              <Button
                variant="subtle"
                color="red"
                mt={26}
                onClick={() => f.removeListItem('grants', index)}
                aria-label={t('staff.grantRemoveLabel', { n: index + 1 })}
              >
                {t('staff.grantRemove')}
              </Button>
            )}
          </Group>
        ))}
        <Group>
          <Button variant="light" size="compact-md" onClick={() => f.insertListItem('grants', newRow())}>
            {t('staff.grantAdd')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
