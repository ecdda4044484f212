// Whom a signal goes to: the region's agencies from the referral directory (entries tagged опека,
// ПДН, КДН и ЗП, …) and the service's own list, each with how it is sent (by default: e-mail when the
// agency has an address, else fax, phone, post).
import { Checkbox, Fieldset, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { agencyTypeKey, channelKey } from '../../cases/labels';
import { SIGNAL_CHANNELS, type AddresseeChoices, type AddresseeInput, type SignalChannel } from '../../cases/types';
import { useT } from '../../i18n/I18nProvider';

/** A chosen addressee by its key (`directory:<id>` or `list:<id>`), with the channel asked for ('' = default). */
export type Chosen = Record<string, SignalChannel | ''>;

export function toAddressees(chosen: Chosen): AddresseeInput[] {
  return Object.entries(chosen).map(([key, channel]) => {
    const [source, id] = key.split(':') as ['directory' | 'list', string];
    const base: AddresseeInput = source === 'directory' ? { source, directoryServiceId: id } : { source, agencyId: id };
    return channel ? { ...base, channel } : base;
  });
}

interface Option {
  key: string;
  name: string;
  type: string;
  contacts: string;
}

export function AddresseePicker({
  choices,
  value,
  onChange,
  error,
}: {
  choices: AddresseeChoices;
  value: Chosen;
  onChange: (v: Chosen) => void;
  error: string | null;
}) {
  const t = useT();
  const directory: Option[] = choices.directory.map((d) => ({
    key: `directory:${d.directoryServiceId}`,
    name: d.name,
    type: t(agencyTypeKey(d.agencyType)),
    contacts: '',
  }));
  const list: Option[] = choices.agencies
    .filter((a) => a.active)
    .map((a) => ({
      key: `list:${a.id}`,
      name: a.name,
      type: t(agencyTypeKey(a.agencyType)),
      contacts: [a.email, a.fax, a.phone].filter(Boolean).join(', '),
    }));
  const toggle = (key: string, on: boolean) => {
    const next = { ...value };
    if (on) next[key] = '';
    else delete next[key];
    onChange(next);
  };
  const group = (title: string, options: Option[]) =>
    options.length > 0 && (
      <Stack gap={6}>
        <Text size="sm" fw={600}>
          {title}
        </Text>
        {options.map((o) => (
          <Group key={o.key} gap="sm" align="center" wrap="wrap">
            <Checkbox
              checked={o.key in value}
              onChange={(e) => toggle(o.key, e.currentTarget.checked)}
              label={`${o.name} — ${o.type}`}
              description={o.contacts || undefined}
              style={{ flex: 1, minWidth: 240 }}
            />
            {o.key in value && (
              <NativeSelect
                size="xs"
                aria-label={t('signal.channelOf', { name: o.name })}
                data={[
                  { value: '', label: t('signal.channelDefault') },
                  ...SIGNAL_CHANNELS.map((c) => ({ value: c, label: t(channelKey(c)) })),
                ]}
                value={value[o.key]}
                onChange={(e) => onChange({ ...value, [o.key]: e.currentTarget.value as SignalChannel | '' })}
              />
            )}
          </Group>
        ))}
      </Stack>
    );
  return (
    <Fieldset
      variant="unstyled"
      legend={
        <Text fw={500} size="sm" component="span">
          {t('signal.addressees')}
        </Text>
      }
      aria-describedby={error ? 'signal-addressees-error' : undefined}
    >
      <Stack gap="md" mt="xs">
        {directory.length + list.length === 0 && <Text size="sm">{t('signal.noAgencies')}</Text>}
        {group(t('signal.fromDirectory'), directory)}
        {group(t('signal.fromList'), list)}
      </Stack>
      {error && (
        <Text size="sm" c="red.8" id="signal-addressees-error" mt={4}>
          {error}
        </Text>
      )}
    </Fieldset>
  );
}
