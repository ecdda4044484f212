// The services list: names, region, time zone, state, and the actions an admin has on each.
import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { ListTable } from '../../components/ListTable';
import { useT } from '../../i18n/I18nProvider';
import type { Service } from '../../types';

interface Props {
  items: Service[];
  onEdit: (service: Service) => void;
  /** Absent for someone who may not (de)activate services (a head). */
  onDeactivate?: ((service: Service) => void) | undefined;
  onActivate?: ((service: Service) => void) | undefined;
  /** The service being activated right now, if any. */
  activatingId: string | undefined;
}

export function ServicesTable({ items, onEdit, onDeactivate, onActivate, activatingId }: Props) {
  const t = useT();
  return (
    <ListTable
      columns={[t('services.name'), t('services.region'), t('services.timeZone'), t('services.status')]}
      minWidth={720}
      label={t('services.tableLabel')}
      highlightOnHover
      actions
    >
      {items.map((s) => {
        const name = s.shortName ?? s.name;
        return (
          <Table.Tr key={s.id}>
            <Table.Th scope="row" fw={400}>
              <Text fw={600} size="sm">
                {name}
              </Text>
              {s.shortName && (
                <Text size="xs" className="muted">
                  {s.name}
                </Text>
              )}
            </Table.Th>
            <Table.Td>{s.region}</Table.Td>
            <Table.Td>{s.timeZone}</Table.Td>
            <Table.Td>
              <Badge color={s.active ? 'teal' : 'gray'} variant="light">
                {s.active ? t('services.active') : t('services.inactive')}
              </Badge>
            </Table.Td>
            <Table.Td>
              <Group gap="xs" justify="flex-end" wrap="nowrap">
                <Button size="compact-sm" variant="default" onClick={() => onEdit(s)} aria-label={`${t('common.edit')}: ${name}`}>
                  {t('common.edit')}
                </Button>
                {s.active && onDeactivate && (
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    color="red"
                    onClick={() => onDeactivate(s)}
                    aria-label={`${t('services.deactivate')}: ${name}`}
                  >
                    {t('services.deactivate')}
                  </Button>
                )}
                {!s.active && onActivate && (
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    onClick={() => onActivate(s)}
                    loading={activatingId === s.id}
                    aria-label={`${t('services.activate')}: ${name}`}
                  >
                    {t('services.activate')}
                  </Button>
                )}
              </Group>
            </Table.Td>
          </Table.Tr>
        );
      })}
    </ListTable>
  );
}
