// The main sections. Only sections that exist and that the server would let this person use appear.
import { NavLink, Stack } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import { useSession } from '../auth/SessionContext';
import { useT } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/ru';
import type { Me } from '../types';

/** The report page: a service's supervisors and head, national analysts and admins (policy.viewServiceReport). */
export const reportsVisible = (me: Me): boolean => me.permissions.superviseServiceIds.length > 0 || me.permissions.nationalStatistics;

/** Signals: the register for a service's staff (policy.listSignals), the report for national roles too. */
export const signalsVisible = (me: Me): boolean => me.permissions.dutyServiceIds.length > 0 || me.permissions.nationalStatistics;

/** The referral directory: every staff member with a role (policy.readDirectory). */
export const directoryVisible = (me: Me): boolean => me.user.grants.length > 0;

interface Section {
  path: string;
  label: MessageKey;
  visible: (me: Me) => boolean;
}

export const SECTIONS: readonly Section[] = [
  { path: '/', label: 'nav.home', visible: () => true },
  { path: '/workstation', label: 'nav.workstation', visible: (me) => me.permissions.dutyServiceIds.length > 0 },
  { path: '/board', label: 'nav.board', visible: (me) => me.permissions.superviseServiceIds.length > 0 },
  { path: '/records', label: 'nav.records', visible: (me) => me.permissions.dutyServiceIds.length > 0 },
  { path: '/cases', label: 'nav.cases', visible: (me) => me.permissions.dutyServiceIds.length > 0 },
  { path: '/signals', label: 'nav.signals', visible: signalsVisible },
  { path: '/directory', label: 'nav.directory', visible: directoryVisible },
  { path: '/reports', label: 'nav.reports', visible: (me) => reportsVisible(me) },
  {
    path: '/services',
    label: 'nav.services',
    visible: (me) => me.permissions.manageServices || me.user.grants.some((g) => g.role === 'head'),
  },
  { path: '/staff', label: 'nav.staff', visible: (me) => me.permissions.manageStaff },
];

const isCurrent = (path: string, pathname: string) => (path === '/' ? pathname === '/' : pathname.startsWith(path));

export function Navigation({ onNavigate }: { onNavigate: () => void }) {
  const t = useT();
  const me = useSession();
  const { pathname } = useLocation();
  return (
    <Stack gap={4} component="ul" className="nav-list">
      {SECTIONS.filter((s) => s.visible(me)).map((s) => {
        const current = isCurrent(s.path, pathname);
        return (
          <li key={s.path}>
            <NavLink
              component={Link}
              to={s.path}
              label={t(s.label)}
              active={current}
              aria-current={current ? 'page' : undefined}
              onClick={onNavigate}
              variant="light"
            />
          </li>
        );
      })}
    </Stack>
  );
}
