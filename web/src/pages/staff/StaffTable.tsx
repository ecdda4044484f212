// The staff list: who, which roles where, account state, last sign-in, and a menu of actions.
import { Badge, Button, Menu, Table, Text } from '@mantine/core';
import { useSession } from '../../auth/SessionContext';
import { ListTable } from '../../components/ListTable';
import { roleKey, serviceLabel } from '../../components/roleLabel';
import { useT } from '../../i18n/I18nProvider';
import { useFormatDateTime } from '../../i18n/format';
import type { Grant, Staff } from '../../types';
import { MAIN_ID } from '../../layout/SkipLink';
import type { AccountAction } from './staffApi';

interface Props {
  items: Staff[];
  onEdit: (staff: Staff) => void;
  onAction: (staff: Staff, action: AccountAction) => void;
  /** Set when the phone line is set up here: «Настольный телефон» for those who take calls in a service one supervises. */
  onDeskPhone?: (staff: Staff) => void;
}

const TAKES_CALLS = ['counsellor', 'supervisor', 'head'];

export function StaffTable({ items, onEdit, onAction, onDeskPhone }: Props) {
  const t = useT();
  const me = useSession();
  const formatDateTime = useFormatDateTime();
  const serviceName = (id: string | null) => {
    if (id === null) return t('home.wholeNetwork');
    const s = me.services.find((x) => x.id === id);
    return s ? serviceLabel(s) : t('staff.otherService');
  };
  const grantText = (g: Grant) => `${t(roleKey(g.role))} · ${serviceName(g.serviceId)}`;
  const deskPhoneOf = (s: Staff) =>
    onDeskPhone !== undefined &&
    s.grants.some((g) => g.serviceId !== null && TAKES_CALLS.includes(g.role) && me.permissions.superviseServiceIds.includes(g.serviceId));

  return (
    <ListTable
      columns={[t('staff.pseudonym'), t('staff.fullName'), t('staff.login'), t('staff.roles'), t('staff.status'), t('staff.lastLogin')]}
      minWidth={860}
      label={t('staff.tableLabel')}
      highlightOnHover
      actions
    >
      {items.map((s) => (
        <Table.Tr key={s.id}>
          <Table.Th scope="row">{s.pseudonym}</Table.Th>
          <Table.Td>{s.fullName}</Table.Td>
          <Table.Td>
            <Text ff="monospace" size="sm">
              {s.login}
            </Text>
          </Table.Td>
          <Table.Td>
            {s.grants.map((g) => (
              <Text key={`${g.serviceId ?? ''}:${g.role}`} size="sm">
                {grantText(g)}
              </Text>
            ))}
          </Table.Td>
          <Table.Td>
            <StatusBadge staff={s} />
          </Table.Td>
          <Table.Td>{s.lastLoginAt ? formatDateTime(s.lastLoginAt) : <span className="muted">{t('staff.never')}</span>}</Table.Td>
          <Table.Td ta="right">
            {(s.canManage || deskPhoneOf(s)) && (
              <Menu position="bottom-end" portalProps={{ target: `#${MAIN_ID}` }}>
                <Menu.Target>
                  <Button size="compact-sm" variant="default" aria-label={t('common.actionsFor', { name: `${s.pseudonym} (${s.login})` })}>
                    {t('common.actions')}
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  {s.canManage && <Menu.Item onClick={() => onEdit(s)}>{t('common.edit')}</Menu.Item>}
                  {deskPhoneOf(s) && <Menu.Item onClick={() => onDeskPhone?.(s)}>{t('voice.desk.title')}</Menu.Item>}
                  {/* One's own password is changed from the user menu, and one cannot disable oneself. */}
                  {s.canManage && s.id !== me.user.id && (
                    <Menu.Item onClick={() => onAction(s, 'reset-password')}>{t('staff.resetPassword')}</Menu.Item>
                  )}
                  {s.canManage &&
                    s.id !== me.user.id &&
                    (s.disabled ? (
                      <Menu.Item onClick={() => onAction(s, 'enable')}>{t('staff.enable')}</Menu.Item>
                    ) : (
                      <Menu.Item color="red.9" onClick={() => onAction(s, 'disable')}>
                        {t('staff.disable')}
                      </Menu.Item>
                    ))}
                </Menu.Dropdown>
              </Menu>
            )}
          </Table.Td>
        </Table.Tr>
      ))}
    </ListTable>
  );
}

function StatusBadge({ staff }: { staff: Staff }) {
  const t = useT();
  if (staff.disabled)
    return (
      <Badge color="gray" variant="light">
        {t('staff.statusDisabled')}
      </Badge>
    );
  if (staff.mustChangePassword)
    return (
      <Badge color="yellow" variant="light">
        {t('staff.statusPending')}
      </Badge>
    );
  return (
    <Badge color="teal" variant="light">
      {t('staff.statusActive')}
    </Badge>
  );
}
