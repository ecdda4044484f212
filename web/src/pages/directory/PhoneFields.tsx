// The entry's phones: number and what it is for («горячая линия», «приёмная»), rows added and removed.
import { Button, Fieldset, Group, Stack, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useT } from '../../i18n/I18nProvider';
import { blankPhone, MAX, type Values } from './entryFormValues';

export function PhoneFields({ form }: { form: UseFormReturnType<Values> }) {
  const t = useT();
  return (
    <Fieldset legend={t('directory.phones')}>
      <Stack gap="sm">
        {form.values.phones.map((_, index) => (
          <Group
            key={form.key(`phones.${index}`)}
            align="flex-start"
            role="group"
            aria-label={t('directory.form.phoneRow', { n: index + 1 })}
          >
            <TextInput
              label={t('directory.form.phoneNumber')}
              type="tel"
              required
              maxLength={MAX.phone}
              w={{ base: '100%', xs: 200 }}
              {...form.getInputProps(`phones.${index}.number`)}
            />
            <TextInput
              label={t('directory.form.phoneDescription')}
              maxLength={MAX.phoneDescription}
              flex={1}
              miw={180}
              {...form.getInputProps(`phones.${index}.description`)}
            />
            <Button
              variant="subtle"
              color="red"
              mt={26}
              onClick={() => form.removeListItem('phones', index)}
              aria-label={t('directory.form.phoneRemove', { n: index + 1 })}
            >
              {t('directory.form.remove')}
            </Button>
          </Group>
        ))}
        <Group>
          <Button
            variant="light"
            size="compact-md"
            disabled={form.values.phones.length >= MAX.phones}
            onClick={() => form.insertListItem('phones', blankPhone())}
          >
            {t('directory.form.phoneAdd')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
