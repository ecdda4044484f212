// The child's data a signal's letter carries, as its source allows: from a case, a choice among the
// fields the case holds (copied when drafted); straight from a contact record, the fields themselves,
// typed here (there is no case to copy them from). Only as far as the agency needs.
import { Checkbox, Fieldset, SimpleGrid, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { fieldKey } from '../../cases/labels';
import type { PersonalField } from '../../cases/types';
import { useT } from '../../i18n/I18nProvider';
import { PersonalFields, type PersonalValues } from '../cases/PersonalFields';

/** The part of the signal form's values these fields use. */
export interface ChildValues {
  fields: string[];
  personal: PersonalValues;
}

/** From a case: which of its filled fields go into the letter. */
export function CaseChildFields<T extends ChildValues>({ form, filled }: { form: UseFormReturnType<T>; filled: PersonalField[] }) {
  const t = useT();
  return (
    <Checkbox.Group
      label={t('signal.childFields')}
      description={filled.length === 0 ? t('signal.childFieldsNone') : t('signal.childFieldsHint')}
      {...form.getInputProps('fields')}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt="xs">
        {filled.map((f) => (
          <Checkbox key={f} value={f} label={t(fieldKey(f))} />
        ))}
      </SimpleGrid>
    </Checkbox.Group>
  );
}

/** Straight from a record: the child's data typed in the form (all may stay empty). */
export function RecordChildFields<T extends ChildValues>({ form }: { form: UseFormReturnType<T> }) {
  const t = useT();
  return (
    <Fieldset
      variant="unstyled"
      legend={
        <Text fw={500} size="sm" component="span">
          {t('signal.childFields')}
        </Text>
      }
      aria-describedby="signal-child-hint"
    >
      <Text size="sm" className="muted" id="signal-child-hint" mb="xs">
        {t('signal.childGivenHint')}
      </Text>
      <PersonalFields form={form} />
    </Fieldset>
  );
}
