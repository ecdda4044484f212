// The child's personal data of a case — only the minimum needed to act: name, age, address, school,
// family contacts. Used when opening a case and when changing it.
import { SimpleGrid, Textarea, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { fieldKey } from '../../cases/labels';
import { MAX_CHILD_AGE, type Personal } from '../../cases/types';
import { useT } from '../../i18n/I18nProvider';

/** The form's shape: every field as text (empty: not given). */
export interface PersonalValues {
  childName: string;
  childAge: string;
  address: string;
  school: string;
  family: string;
}

export const emptyPersonal = (p: Personal = {}): PersonalValues => ({
  childName: p.childName ?? '',
  childAge: p.childAge == null ? '' : String(p.childAge),
  address: p.address ?? '',
  school: p.school ?? '',
  family: p.family ?? '',
});

/** Given fields only; `clear`: an emptied field is sent as null (the case forgets it). */
export function toPersonal(v: PersonalValues, clear = false): Personal {
  const out: Personal = {};
  const text = (s: string) => (s.trim() ? s.trim() : clear ? null : undefined);
  for (const f of ['childName', 'address', 'school', 'family'] as const) {
    const value = text(v[f]);
    if (value !== undefined) out[f] = value;
  }
  const age = v.childAge.trim() ? Number(v.childAge) : clear ? null : undefined;
  if (age !== undefined) out.childAge = age;
  return out;
}

export const ageError = (v: string, message: string) =>
  v.trim() === '' || (/^\d{1,2}$/.test(v.trim()) && Number(v) <= MAX_CHILD_AGE) ? null : message;

export function PersonalFields<T extends { personal: PersonalValues }>({ form }: { form: UseFormReturnType<T> }) {
  const t = useT();
  const props = (f: keyof PersonalValues) => form.getInputProps(`personal.${f}`);
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <TextInput label={t(fieldKey('childName'))} maxLength={200} autoComplete="off" {...props('childName')} />
      <TextInput label={t(fieldKey('childAge'))} inputMode="numeric" maxLength={2} maw={140} autoComplete="off" {...props('childAge')} />
      <TextInput label={t(fieldKey('address'))} maxLength={500} autoComplete="off" {...props('address')} />
      <TextInput label={t(fieldKey('school'))} maxLength={500} autoComplete="off" {...props('school')} />
      <Textarea
        label={t(fieldKey('family'))}
        description={t('case.familyHint')}
        autosize
        minRows={2}
        maxLength={2000}
        style={{ gridColumn: '1 / -1' }}
        {...props('family')}
      />
    </SimpleGrid>
  );
}
