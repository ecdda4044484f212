// «Вход в систему». Shows the server's own message on failure (wrong password, too many attempts)
// and returns the user to the page they were going to.
import { Alert, Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { safeNext, sessionEndedNotice, signIn, useMe } from '../auth/session';
import { ErrorAlert } from '../components/ErrorAlert';
import { PasswordField } from '../components/PasswordField';
import { focusFirstInvalid } from '../components/focusFirstInvalid';
import { useT } from '../i18n/I18nProvider';
import { PageTitle } from '../layout/PageTitle';
import { PublicLayout } from '../layout/PublicLayout';

export function LoginPage() {
  const t = useT();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const me = useMe();
  const [sessionEnded] = useState(sessionEndedNotice.get);
  useEffect(sessionEndedNotice.clear, []);

  const form = useForm({
    initialValues: { login: '', password: '' },
    validate: {
      login: (v) => (v.trim() ? null : t('common.required')),
      password: (v) => (v ? null : t('common.required')),
    },
  });

  const mutation = useMutation({
    mutationFn: (values: typeof form.values) => signIn(queryClient, values.login.trim(), values.password),
    onSuccess: () => void navigate(next, { replace: true }),
    onError: () => form.setFieldValue('password', ''),
  });

  if (me.data && !mutation.isPending && !mutation.isSuccess) return <Navigate to={next} replace />;

  return (
    <PublicLayout>
      <PageTitle>{t('login.title')}</PageTitle>
      <Text size="sm" className="muted" mt={-8} mb="lg">
        {t('app.tagline')}
      </Text>
      {sessionEnded && !mutation.error && (
        <Alert color="blue" variant="light" mb="md">
          {t('login.sessionEnded')}
        </Alert>
      )}
      <ErrorAlert error={mutation.error} />
      <form noValidate onSubmit={form.onSubmit((values) => mutation.mutate(values), focusFirstInvalid)}>
        <Stack>
          <TextInput
            label={t('login.login')}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            {...form.getInputProps('login')}
          />
          <PasswordField label={t('login.password')} autoComplete="current-password" required {...form.getInputProps('password')} />
          <Button type="submit" loading={mutation.isPending} fullWidth mt="xs">
            {t('login.submit')}
          </Button>
        </Stack>
      </form>
    </PublicLayout>
  );
}
