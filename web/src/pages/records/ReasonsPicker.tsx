// Reasons of a counselling contact: a searchable picker of category → subcategory (a search
// matches either name), at most MAX_REASONS, the chosen ones shown as removable chips.
import { Badge, CloseButton, Group, Select, Text, type ComboboxParsedItem, type OptionsFilter } from '@mantine/core';
import { useState } from 'react';
import { useLocale, useT } from '../../i18n/I18nProvider';
import { labelOf, reasonLabel, type ReasonEntry } from '../../records/labels';
import type { Classification } from '../../records/types';
import { MAX_REASONS } from '../../records/vocabulary';

interface Props {
  classification: Classification | undefined;
  index: Map<string, ReasonEntry>;
  value: string[];
  onChange: (value: string[]) => void;
  error: string | null;
}

const matches = (text: string, search: string) => text.toLocaleLowerCase().includes(search);

/** A search matching the category keeps all its subcategories; otherwise only matching subcategories. */
const filterReasons: OptionsFilter = ({ options, search }) => {
  const q = search.trim().toLocaleLowerCase();
  if (!q) return options;
  const out: ComboboxParsedItem[] = [];
  for (const option of options) {
    if (!('group' in option)) {
      if (matches(option.label, q)) out.push(option);
      continue;
    }
    const items = matches(String(option.group), q) ? option.items : option.items.filter((i) => matches(i.label, q));
    if (items.length > 0) out.push({ group: option.group, items });
  }
  return out;
};

export function ReasonsPicker({ classification, index, value, onChange, error }: Props) {
  const t = useT();
  const [locale] = useLocale();
  const [search, setSearch] = useState('');
  const full = value.length >= MAX_REASONS;
  const data = (classification?.categories ?? [])
    .map((c) => ({
      group: labelOf(c, locale),
      items: c.codes.filter((code) => !value.includes(code.code)).map((code) => ({ value: code.code, label: labelOf(code, locale) })),
    }))
    .filter((g) => g.items.length > 0);

  return (
    <div>
      <Select
        id="field-reasons"
        label={t('record.reasons')}
        description={full ? t('record.reasonsFull', { max: MAX_REASONS }) : t('record.reasonsHint', { max: MAX_REASONS })}
        error={error}
        required
        placeholder={t('record.addReason')}
        searchable
        clearable={false}
        disabled={full}
        value={null}
        searchValue={search}
        onSearchChange={setSearch}
        data={data}
        filter={filterReasons}
        nothingFoundMessage={t('record.noMatch')}
        maxDropdownHeight={320}
        onChange={(code) => {
          if (!code || value.includes(code)) return;
          onChange([...value, code]);
          setSearch('');
        }}
      />
      {value.length === 0 ? (
        <Text size="sm" mt="xs">
          {t('record.noReasons')}
        </Text>
      ) : (
        <Group component="ul" gap="xs" mt="xs" className="chip-list" aria-label={t('record.chosenReasons')}>
          {value.map((code) => {
            const label = reasonLabel(index, code, locale);
            return (
              <li key={code}>
                <Badge
                  size="lg"
                  variant="light"
                  radius="sm"
                  tt="none"
                  className="chip"
                  rightSection={
                    <CloseButton
                      size="sm"
                      aria-label={t('record.removeReason', { reason: label })}
                      onClick={() => onChange(value.filter((c) => c !== code))}
                    />
                  }
                >
                  {label}
                </Badge>
              </li>
            );
          })}
        </Group>
      )}
    </div>
  );
}
