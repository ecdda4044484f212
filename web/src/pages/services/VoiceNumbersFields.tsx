// «Телефонные номера службы» in the service form: the numbers the operator's trunk dials for this
// service. The deployment admin edits them (one per line, digits only); the service's head sees them.
import { Fieldset, List, Text, Textarea } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useT } from '../../i18n/I18nProvider';
import type { Values } from './serviceFormValues';

export const VOICE_NUMBERS_FIELD_ID = 'service-voice-numbers';

export function VoiceNumbersFields({ form, numbers, editable }: { form: UseFormReturnType<Values>; numbers: string[]; editable: boolean }) {
  const t = useT();
  return (
    <Fieldset legend={t('voiceAdmin.numbers')}>
      {editable ? (
        <Textarea
          id={VOICE_NUMBERS_FIELD_ID}
          label={t('voiceAdmin.numbersLabel')}
          description={t('voiceAdmin.numbersHint')}
          autosize
          minRows={2}
          maxRows={8}
          {...form.getInputProps('voiceNumbers')}
        />
      ) : (
        <>
          {numbers.length === 0 ? (
            <Text size="sm">{t('voiceAdmin.noNumbers')}</Text>
          ) : (
            <List size="sm" aria-label={t('voiceAdmin.numbers')}>
              {numbers.map((n) => (
                <List.Item key={n}>{n}</List.Item>
              ))}
            </List>
          )}
          <Text size="xs" className="muted" mt="xs">
            {t('voiceAdmin.setByAdmin')}
          </Text>
        </>
      )}
    </Fieldset>
  );
}
