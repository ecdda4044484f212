// «Веб-чат» in the service form: whether the service takes chats, its hours (around the clock or
// from–to in the service's time zone), how long transcripts are kept, the per-minute and per-hour
// limits, and the phones shown on the child's chat page. Limits as the server's serviceSettingsSchema.
import { Checkbox, Fieldset, NumberInput, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useT } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/ru';
import { LIMITS, type Values } from './serviceFormValues';

type ChatNumber = 'chatRetentionDays' | 'chatMessagesPerMinute' | 'chatNewPerHour';

export function ChatSettingsFields({ form }: { form: UseFormReturnType<Values> }) {
  const t = useT();
  const number = (name: ChatNumber, label: MessageKey) => (
    <NumberInput
      label={t(label)}
      min={LIMITS[name].min}
      max={LIMITS[name].max}
      allowDecimal={false}
      allowNegative={false}
      required
      {...form.getInputProps(`settings.${name}`)}
    />
  );
  const allDay = form.values.settings.chatAllDay;

  return (
    <Fieldset legend={t('chat.settings.legend')}>
      <Stack>
        <Checkbox label={t('chat.settings.enabled')} {...form.getInputProps('settings.chatEnabled', { type: 'checkbox' })} />
        <Checkbox label={t('chat.settings.allDay')} {...form.getInputProps('settings.chatAllDay', { type: 'checkbox' })} />
        {!allDay && (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('chat.settings.from')}
              description={t('chat.settings.timeHint')}
              required
              {...form.getInputProps('settings.chatFrom')}
            />
            <TextInput
              label={t('chat.settings.to')}
              description={t('chat.settings.timeHint')}
              required
              {...form.getInputProps('settings.chatTo')}
            />
          </SimpleGrid>
        )}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {number('chatRetentionDays', 'chat.settings.retention')}
          {number('chatMessagesPerMinute', 'chat.settings.perMinute')}
          {number('chatNewPerHour', 'chat.settings.perHour')}
        </SimpleGrid>
        <Textarea
          label={t('chat.settings.phones')}
          description={t('chat.settings.phonesHint')}
          autosize
          minRows={2}
          maxRows={6}
          {...form.getInputProps('settings.publicPhones')}
        />
      </Stack>
    </Fieldset>
  );
}
