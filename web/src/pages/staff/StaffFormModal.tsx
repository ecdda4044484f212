// Adding a staff member (login, pseudonym, full name, roles, optional first password) or changing
// one (names and roles, and the routing profile: languages and skills). A generated first password
// is handed to `onCreated` to be shown once.
import { Button, Group, Modal, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef } from 'react';
import { passwordProblem } from '../../auth/passwordRules';
import { useSession } from '../../auth/SessionContext';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LoadFailed, Loading } from '../../components/LoadState';
import { PasswordField } from '../../components/PasswordField';
import { focusFirstInvalid } from '../../components/focusFirstInvalid';
import { useT, type Translate } from '../../i18n/I18nProvider';
import type { Staff, StaffWithPassword } from '../../types';
import { GrantRows } from './GrantRows';
import { grantableServices, toGrant, toRow, type GrantRow } from './grantOptions';
import { languagesError, RoutingProfileFields, sameProfile, skillsError } from './RoutingProfileFields';
import { useCreateStaff, useRoutingProfile, useSaveRoutingProfile, useUpdateStaff, type RoutingProfile } from './staffApi';

const LOGIN = /^[a-z0-9][a-z0-9._-]{1,62}$/;

interface Values {
  login: string;
  pseudonym: string;
  fullName: string;
  password: string;
  grants: GrantRow[];
  languages: string[];
  skills: string[];
}

const text = (t: Translate, max: number) => (v: string) =>
  !v.trim() ? t('common.required') : v.trim().length > max ? t('common.tooLong', { max }) : null;

interface Props {
  opened: boolean;
  /** Undefined → add a staff member; otherwise edit this one. */
  staff?: Staff | undefined;
  /** The service chosen in the list filter: a sensible first row for a new member. */
  defaultServiceId: string | null;
  onCreated: (result: StaffWithPassword) => void;
  onClose: () => void;
}

type FormProps = Omit<Props, 'opened'>;

export function StaffFormModal({ opened, ...props }: Props) {
  const t = useT();
  const title = props.staff ? t('staff.editTitle', { name: props.staff.pseudonym }) : t('staff.createTitle');
  return (
    <Modal opened={opened} onClose={props.onClose} title={title} size={720}>
      {props.staff?.canManage ? (
        <StaffFormWithProfile key={props.staff.id} {...props} staff={props.staff} />
      ) : (
        <StaffForm key={props.staff?.id ?? 'new'} {...props} />
      )}
    </Modal>
  );
}

/** Editing an account one may manage: the form opens once the routing profile is loaded. */
function StaffFormWithProfile(props: FormProps & { staff: Staff }) {
  const profile = useRoutingProfile(props.staff.id, true);
  if (profile.isError && !profile.data) return <LoadFailed error={profile.error} onRetry={() => void profile.refetch()} />;
  // A cached copy may be stale: wait for the fresh one, which then seeds the form.
  if (!profile.data || !profile.isFetchedAfterMount) return <Loading />;
  return <StaffForm {...props} profile={profile.data} />;
}

function StaffForm({ staff, defaultServiceId, onCreated, onClose, profile }: FormProps & { profile?: RoutingProfile }) {
  const t = useT();
  const me = useSession();
  const create = useCreateStaff();
  const update = useUpdateStaff();
  const saveProfile = useSaveRoutingProfile();
  const mutation = staff ? update : create;
  const formRef = useRef<HTMLFormElement>(null);
  // Once, when the form appears: opened while the profile loaded, the dialog focused its close
  // button, but the first field is the place to start.
  useEffect(() => {
    const el = formRef.current;
    if (profile && el && !el.contains(document.activeElement)) el.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }, []);
  const services = grantableServices(me);
  const firstService = defaultServiceId ?? (services.length === 1 ? services[0]!.id : '');
  const newRow = (): GrantRow => ({ serviceId: firstService, role: 'counsellor' });

  const form = useForm<Values>({
    initialValues: {
      login: staff?.login ?? '',
      pseudonym: staff?.pseudonym ?? '',
      fullName: staff?.fullName ?? '',
      password: '',
      grants: staff ? staff.grants.map(toRow) : [newRow()],
      languages: profile?.languages ?? [],
      skills: profile?.skills ?? [],
    },
    validate: {
      login: (v) => (staff || LOGIN.test(v.trim().toLowerCase()) ? null : v.trim() ? t('staff.loginInvalid') : t('common.required')),
      pseudonym: text(t, 100),
      fullName: text(t, 300),
      password: (v, values) => {
        const problem = v ? passwordProblem(v, values.login.trim().toLowerCase()) : null;
        return problem ? t(problem) : null;
      },
      grants: {
        serviceId: (v) => (v ? null : t('staff.grantChoose')),
        role: (v, values, path) => {
          const index = Number(path.split('.')[1]);
          const row = values.grants[index];
          const earlier = values.grants.slice(0, index).some((g) => g.serviceId === row?.serviceId && g.role === v);
          return earlier ? t('staff.grantDuplicate') : null;
        },
      },
      languages: (v) => (profile ? languagesError(t)(v) : null),
      skills: (v) => (profile ? skillsError(t)(v) : null),
    },
  });

  const submit = (v: Values) => {
    const grants = v.grants.map(toGrant);
    if (staff) {
      const patch = { id: staff.id, version: staff.version, pseudonym: v.pseudonym.trim(), fullName: v.fullName.trim(), grants };
      const saveAccount = () =>
        update.mutate(patch, {
          onSuccess: () => {
            notifications.show({ color: 'teal', message: t('common.saved') });
            onClose();
          },
        });
      update.reset();
      saveProfile.reset();
      // The profile first: saving it again after a failed account change does no harm.
      const next = { languages: v.languages, skills: v.skills };
      if (profile && !sameProfile(profile, next)) saveProfile.mutate({ userId: staff.id, ...next }, { onSuccess: saveAccount });
      else saveAccount();
      return;
    }
    const input = {
      login: v.login.trim().toLowerCase(),
      pseudonym: v.pseudonym.trim(),
      fullName: v.fullName.trim(),
      grants,
      ...(v.password ? { password: v.password } : {}),
    };
    create.mutate(input, {
      onSuccess: (result) => {
        notifications.show({ color: 'teal', message: t('staff.created') });
        onCreated(result);
      },
    });
  };

  return (
    <>
      <ErrorAlert error={saveProfile.error ?? mutation.error} />
      <form ref={formRef} noValidate onSubmit={form.onSubmit(submit, focusFirstInvalid)}>
        <Stack>
          {!staff && (
            <TextInput
              label={t('staff.login')}
              description={t('staff.loginHint')}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              required
              data-autofocus
              {...form.getInputProps('login')}
            />
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('staff.pseudonym')}
              description={t('staff.pseudonymHint')}
              required
              data-autofocus={staff ? true : undefined}
              {...form.getInputProps('pseudonym')}
            />
            <TextInput label={t('staff.fullName')} description={t('staff.fullNameHint')} required {...form.getInputProps('fullName')} />
          </SimpleGrid>
          <GrantRows form={form} newRow={newRow} />
          {profile && <RoutingProfileFields languages={form.getInputProps('languages')} skills={form.getInputProps('skills')} />}
          {!staff && (
            <PasswordField
              label={t('staff.password')}
              description={t('staff.passwordHint')}
              autoComplete="new-password"
              {...form.getInputProps('password')}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending || saveProfile.isPending}>
              {staff ? t('common.save') : t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
