// What the counsellor did (a referral asks where to, unless the record has referrals to the
// directory), and the summary: free text, sealed at rest.
import { Checkbox, SimpleGrid, Stack, Textarea, Title } from '@mantine/core';
import { useT } from '../../i18n/I18nProvider';
import { actionKey } from '../../records/labels';
import type { EditableFields } from '../../records/types';
import { ACTIONS, REFERRAL_MAX, SUMMARY_MAX, type Action } from '../../records/vocabulary';
import type { FieldSetter } from './fieldSetter';

interface Props {
  values: EditableFields;
  setField: FieldSetter;
  errorOf: (field: string) => string | null;
  withActions: boolean;
  /** How many referrals to the directory the record has: with one, the free text is optional. */
  referrals: number;
}

export function ActionsFields({ values, setField, errorOf, withActions, referrals }: Props) {
  const t = useT();
  return (
    <section aria-labelledby="record-actions">
      <Title order={2} size="h4" id="record-actions" mb="sm">
        {withActions ? t('record.actions') : t('record.summary')}
      </Title>
      <Stack gap="md">
        {withActions && (
          <div role="group" aria-labelledby="record-actions">
            <Checkbox.Group value={values.actions} onChange={(v) => setField('actions', v as Action[])}>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
                {ACTIONS.map((a) => (
                  <Checkbox key={a} value={a} label={t(actionKey(a))} />
                ))}
              </SimpleGrid>
            </Checkbox.Group>
          </div>
        )}
        {withActions && values.actions.includes('referred') && (
          <Textarea
            id="field-referral"
            label={referrals > 0 ? t('referrals.referralOther') : t('record.referral')}
            required={referrals === 0}
            autosize
            minRows={2}
            maxLength={REFERRAL_MAX}
            value={values.referral ?? ''}
            onChange={(e) => setField('referral', e.currentTarget.value)}
            error={errorOf('referral')}
          />
        )}
        <Textarea
          label={t('record.summary')}
          description={t('record.summaryHint')}
          autosize
          minRows={3}
          maxRows={14}
          maxLength={SUMMARY_MAX}
          value={values.summary ?? ''}
          onChange={(e) => setField('summary', e.currentTarget.value)}
        />
      </Stack>
    </section>
  );
}
