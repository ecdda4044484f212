// A chosen statistics period: start and end in local time, start before end, at most 31 days.
import { Button, Group, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { focusFirstInvalid } from '../../components/focusFirstInvalid';
import { useT } from '../../i18n/I18nProvider';

const MAX_DAYS = 31;
const DAY_MS = 24 * 60 * 60 * 1000;

/** `YYYY-MM-DDTHH:mm` in local time, as <input type="datetime-local"> wants it. */
function localInput(d: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}

function initialRange() {
  const now = new Date();
  const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  return { from: localInput(midnight), to: localInput(now) };
}

export function CustomRangeForm({ onSubmit }: { onSubmit: (range: { from: string; to: string }) => void }) {
  const t = useT();
  const form = useForm({
    initialValues: initialRange(),
    validate: {
      from: (v) => (!v || Number.isNaN(Date.parse(v)) ? t('common.required') : null),
      to: (v, values) => {
        const from = Date.parse(values.from);
        const to = Date.parse(v);
        if (!v || Number.isNaN(to)) return t('common.required');
        if (!(from < to)) return t('stats.rangeInvalid');
        return to - from > MAX_DAYS * DAY_MS ? t('stats.rangeTooLong') : null;
      },
    },
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit(
        (v) => onSubmit({ from: new Date(v.from).toISOString(), to: new Date(v.to).toISOString() }),
        focusFirstInvalid,
      )}
    >
      <Group align="flex-end" mb="md">
        <TextInput type="datetime-local" label={t('stats.from')} required {...form.getInputProps('from')} />
        <TextInput type="datetime-local" label={t('stats.to')} required {...form.getInputProps('to')} />
        <Button type="submit" variant="default">
          {t('stats.show')}
        </Button>
      </Group>
    </form>
  );
}
