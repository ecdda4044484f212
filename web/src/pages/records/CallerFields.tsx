// «Об абоненте»: who contacted, the child's gender and age (with the age group it falls in),
// locality, region, vulnerable groups, how they heard of the line, the language spoken.
import { Checkbox, NativeSelect, NumberInput, Radio, SimpleGrid, Stack, Text, TextInput, Title, Group } from '@mantine/core';
import { useLocale, useT } from '../../i18n/I18nProvider';
import { ageGroupKey, callerKey, genderKey, heardKey, languageName, LANGUAGES, localityKey, vulnerableKey } from '../../records/labels';
import type { EditableFields } from '../../records/types';
import {
  ageGroupOf,
  CALLER_TYPES,
  GENDERS,
  HEARD_FROM,
  LOCALITY_TYPES,
  MAX_AGE,
  VULNERABLE_GROUPS,
  type CallerType,
  type Gender,
  type HeardFrom,
  type LocalityType,
  type VulnerableGroup,
} from '../../records/vocabulary';
import type { FieldSetter } from './fieldSetter';

interface Props {
  values: EditableFields;
  setField: FieldSetter;
  errorOf: (field: string) => string | null;
}

export function CallerFields({ values, setField, errorOf }: Props) {
  const t = useT();
  const [locale] = useLocale();
  const choose = t('record.choose');
  const languages = values.language && !LANGUAGES.includes(values.language) ? [...LANGUAGES, values.language] : LANGUAGES;
  return (
    <section aria-labelledby="record-about">
      <Title order={2} size="h4" id="record-about" mb="sm">
        {t('record.about')}
      </Title>
      <Stack gap="md">
        <Radio.Group
          id="field-callerType"
          name="callerType"
          label={t('record.callerType')}
          required
          value={values.callerType ?? ''}
          onChange={(v) => setField('callerType', v as CallerType)}
          error={errorOf('callerType')}
        >
          <Group gap="lg" mt={4}>
            {CALLER_TYPES.map((c) => (
              <Radio key={c} value={c} label={t(callerKey(c))} />
            ))}
          </Group>
        </Radio.Group>
        <Radio.Group
          name="childGender"
          label={t('record.gender')}
          value={values.childGender ?? ''}
          onChange={(v) => setField('childGender', v as Gender)}
        >
          <Group gap="lg" mt={4}>
            {GENDERS.map((g) => (
              <Radio key={g} value={g} label={t(genderKey(g))} />
            ))}
          </Group>
        </Radio.Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <div>
            <NumberInput
              label={t('record.age')}
              description={t('record.ageHint')}
              min={0}
              max={MAX_AGE}
              allowDecimal={false}
              allowNegative={false}
              clampBehavior="strict"
              maw={220}
              value={values.childAge ?? ''}
              onChange={(v) => setField('childAge', typeof v === 'number' ? v : null)}
            />
            <Text size="sm" mt={4} data-testid="age-group">
              {t('record.ageGroup', { group: t(ageGroupKey(ageGroupOf(values.childAge))) })}
            </Text>
          </div>
          <NativeSelect
            label={t('record.locality')}
            value={values.localityType ?? ''}
            onChange={(e) => setField('localityType', (e.currentTarget.value || null) as LocalityType | null)}
            data={[{ value: '', label: choose }, ...LOCALITY_TYPES.map((l) => ({ value: l, label: t(localityKey(l)) }))]}
          />
          <TextInput
            label={t('record.region')}
            maxLength={100}
            value={values.region ?? ''}
            onChange={(e) => setField('region', e.currentTarget.value)}
          />
          <NativeSelect
            label={t('record.heardFrom')}
            value={values.heardFrom ?? ''}
            onChange={(e) => setField('heardFrom', (e.currentTarget.value || null) as HeardFrom | null)}
            data={[{ value: '', label: choose }, ...HEARD_FROM.map((h) => ({ value: h, label: t(heardKey(h)) }))]}
          />
          <NativeSelect
            label={t('record.language')}
            value={values.language ?? ''}
            onChange={(e) => setField('language', e.currentTarget.value || null)}
            data={[{ value: '', label: choose }, ...languages.map((l) => ({ value: l, label: languageName(l, locale) }))]}
          />
        </SimpleGrid>
        <Checkbox.Group
          label={t('record.vulnerableLabel')}
          value={values.vulnerable}
          onChange={(v) => setField('vulnerable', v as VulnerableGroup[])}
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }} mt={4} spacing="xs">
            {VULNERABLE_GROUPS.map((g) => (
              <Checkbox key={g} value={g} label={t(vulnerableKey(g))} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
      </Stack>
    </section>
  );
}
