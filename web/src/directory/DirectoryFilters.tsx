// The directory's search form: words (searched as one types, after a pause), a taxonomy term
// (the tree, sub-terms indented), a region, the child's age, «Открыто сейчас», «Бесплатно».
import { Button, Checkbox, Group, NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import { useLocale, useT } from '../i18n/I18nProvider';
import { useRegions, useTerms } from './directoryApi';
import { termOptions, termTree } from './termTree';
import type { SearchParams } from './types';

export type FilterValues = Omit<SearchParams, 'page'>;

/** The child's age as the API takes it: a whole number of years, 0–25, the server's MAX_AGE (or empty: any age). */
export const AGE_LIMITS = { min: 0, max: 25 } as const;
export const ageValid = (age: string): boolean => {
  const a = age.trim();
  return a === '' || (/^\d{1,2}$/.test(a) && Number(a) >= AGE_LIMITS.min && Number(a) <= AGE_LIMITS.max);
};

interface Props {
  values: FilterValues;
  onChange: (values: FilterValues) => void;
  /** Enter in the search box: search now, without waiting for the pause. */
  onSubmit: () => void;
  onReset: () => void;
}

export function DirectoryFilters({ values, onChange, onSubmit, onReset }: Props) {
  const t = useT();
  const [locale] = useLocale();
  const terms = useTerms();
  const regions = useRegions();
  const set = <K extends keyof FilterValues>(key: K, value: FilterValues[K]) => onChange({ ...values, [key]: value });
  const any = { value: '', label: t('directory.any') };

  return (
    <form
      role="search"
      aria-label={t('directory.searchForm')}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <TextInput
        type="search"
        label={t('directory.query')}
        placeholder={t('directory.queryHint')}
        value={values.q}
        maxLength={200}
        onChange={(e) => set('q', e.currentTarget.value)}
        mb="sm"
      />
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
        <NativeSelect
          label={t('directory.term')}
          data={[any, ...termOptions(termTree(terms.data ?? [], locale))]}
          value={values.term}
          onChange={(e) => set('term', e.currentTarget.value)}
        />
        <NativeSelect
          label={t('directory.region')}
          data={[any, ...(regions.data ?? []).map((r) => ({ value: r.code, label: r.name }))]}
          value={values.area}
          onChange={(e) => set('area', e.currentTarget.value)}
        />
        <TextInput
          label={t('directory.childAge')}
          inputMode="numeric"
          maxLength={3}
          value={values.age}
          error={ageValid(values.age) ? null : t('common.numberRange', AGE_LIMITS)}
          onChange={(e) => set('age', e.currentTarget.value)}
        />
      </SimpleGrid>
      <Group mt="sm" gap="lg">
        <Checkbox label={t('directory.openNowFilter')} checked={values.openNow} onChange={(e) => set('openNow', e.currentTarget.checked)} />
        <Checkbox label={t('directory.freeFilter')} checked={values.free} onChange={(e) => set('free', e.currentTarget.checked)} />
        <Button type="button" variant="default" size="xs" onClick={onReset}>
          {t('directory.reset')}
        </Button>
      </Group>
    </form>
  );
}
