// The signed-in person in the header: pseudonym and full name, a menu with "change password",
// and a visible "sign out" button.
import { Button, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { signOut } from '../auth/session';
import { useSession } from '../auth/SessionContext';
import { useT } from '../i18n/I18nProvider';

export function UserMenu() {
  const t = useT();
  const me = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [leaving, setLeaving] = useState(false);

  const logout = async () => {
    setLeaving(true);
    try {
      await signOut(queryClient);
    } catch {
      // The session is forgotten locally either way; the server ends it on expiry.
    }
    void navigate('/login', { replace: true });
  };

  return (
    <Group gap="sm" wrap="nowrap">
      <Menu position="bottom-end" withinPortal={false}>
        <Menu.Target>
          <UnstyledButton className="user-button">
            <Text fw={600} size="sm" lh={1.2} maw={{ base: 110, sm: 200 }} truncate>
              {me.user.pseudonym}
            </Text>
            <Text size="xs" className="muted" lh={1.2} maw={220} truncate visibleFrom="md">
              {me.user.fullName}
            </Text>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{me.user.login}</Menu.Label>
          <Menu.Item component={Link} to="/password">
            {t('header.changePassword')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Button variant="default" size="compact-md" onClick={logout} loading={leaving}>
        {t('header.logout')}
      </Button>
    </Group>
  );
}
