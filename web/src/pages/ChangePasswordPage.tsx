// «Смена пароля»: forced after an administrator set the password, and available from the user menu.
import { Alert, Button, Group, Paper, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api } from '../api';
import { passwordProblem } from '../auth/passwordRules';
import { ME_KEY } from '../auth/session';
import { useSession } from '../auth/SessionContext';
import { ErrorAlert } from '../components/ErrorAlert';
import { PasswordField } from '../components/PasswordField';
import { focusFirstInvalid } from '../components/focusFirstInvalid';
import { useT } from '../i18n/I18nProvider';
import { PageTitle } from '../layout/PageTitle';

export function ChangePasswordPage() {
  const t = useT();
  const me = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const forced = me.user.mustChangePassword;

  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', repeat: '' },
    validate: {
      currentPassword: (v) => (v ? null : t('common.required')),
      newPassword: (v, values) => {
        const problem = passwordProblem(v, me.user.login);
        if (problem) return t(problem);
        return v === values.currentPassword ? t('password.sameAsOld') : null;
      },
      repeat: (v, values) => (v === values.newPassword ? null : t('password.mismatch')),
    },
  });

  const mutation = useMutation({
    mutationFn: ({ currentPassword, newPassword }: typeof form.values) =>
      api.post<void>('/api/auth/password', { currentPassword, newPassword }),
    onSuccess: async () => {
      await queryClient.refetchQueries({ queryKey: ME_KEY });
      notifications.show({ color: 'teal', message: t('password.changed') });
      void navigate('/', { replace: true });
    },
  });

  return (
    <Stack maw={480} gap={0}>
      <PageTitle>{t('password.title')}</PageTitle>
      {forced && (
        <Alert color="blue" variant="light" mb="md">
          {t('password.forced')}
        </Alert>
      )}
      <Paper withBorder radius="md" p="lg">
        <ErrorAlert error={mutation.error} />
        <form noValidate onSubmit={form.onSubmit((values) => mutation.mutate(values), focusFirstInvalid)}>
          {/* Lets password managers tie the new password to the right account. */}
          <input type="text" name="username" autoComplete="username" value={me.user.login} readOnly hidden />
          <Stack>
            <PasswordField
              label={t('password.current')}
              autoComplete="current-password"
              required
              {...form.getInputProps('currentPassword')}
            />
            <PasswordField
              label={t('password.new')}
              description={t('password.rules')}
              autoComplete="new-password"
              required
              {...form.getInputProps('newPassword')}
            />
            <PasswordField label={t('password.repeat')} autoComplete="new-password" required {...form.getInputProps('repeat')} />
            <Group>
              <Button type="submit" loading={mutation.isPending}>
                {t('password.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
