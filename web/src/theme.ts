// Mantine theme: system fonts only (the CSP allows no external fonts), colours dark enough for
// WCAG AA contrast, and localised labels for Mantine's built-in controls.
import {
  Badge,
  createTheme,
  Menu,
  Modal,
  Notification,
  PasswordInput,
  type CSSVariablesResolver,
  type MantineThemeOverride,
} from '@mantine/core';
import type { Translate } from './i18n/I18nProvider';

export function appTheme(t: Translate): MantineThemeOverride {
  return createTheme({
    primaryColor: 'indigo',
    primaryShade: 7,
    defaultRadius: 'md',
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
    headings: { fontWeight: '650' },
    focusRing: 'auto',
    // Modals, menus and notifications appear without animation for people who ask for less motion.
    respectReducedMotion: true,
    components: {
      // Mantine renders the dialog header as <header>, which outside <main> is a second banner landmark.
      ModalHeader: { defaultProps: { component: 'div' } },
      Modal: Modal.extend({
        defaultProps: { closeButtonProps: { 'aria-label': t('common.close') } },
        styles: { title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } },
      }),
      // The placeholder Mantine puts first in a menu for initial focus breaks role="menu" (axe
      // aria-required-children); without it the first item gets focus, as WAI-ARIA menus expect.
      Menu: Menu.extend({ defaultProps: { withInitialFocusPlaceholder: false } }),
      // Sentence case reads better in Russian, and a status must never be cut to an ellipsis.
      Badge: Badge.extend({ styles: { root: { textTransform: 'none', minWidth: 'max-content' } } }),
      Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': t('common.close') } } }),
      PasswordInput: PasswordInput.extend({ defaultProps: { visibilityToggleButtonProps: { 'aria-label': t('common.showPassword') } } }),
    },
  });
}

// Mantine draws "light" and "subtle" variants (badges, active navigation, quiet buttons) with a
// mid shade on a tinted background, below 4.5:1. Dark text (shade 9, or a darker tone where shade 9
// is still too light) on the two palest tints (rest and hover) passes WCAG AA.
const TEXT_COLOURS: Record<string, string> = {
  indigo: 'var(--mantine-color-indigo-9)',
  blue: 'var(--mantine-color-blue-9)',
  teal: '#0a5e47',
  green: '#1e6b2f',
  red: 'var(--mantine-color-red-9)',
  gray: 'var(--mantine-color-gray-9)',
  orange: '#8a3a06',
  yellow: '#7a4a00',
};

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    // White on the default red and teal buttons is below 4.5:1.
    '--mantine-color-red-filled': 'var(--mantine-color-red-9)',
    '--mantine-color-red-filled-hover': '#a51d1d',
    '--mantine-color-teal-filled': 'var(--mantine-color-teal-9)',
    '--mantine-color-teal-filled-hover': '#066649',
    ...Object.fromEntries(
      Object.entries(TEXT_COLOURS).flatMap(([c, text]) => [
        [`--mantine-color-${c}-light-color`, text],
        [`--mantine-color-${c}-light`, `var(--mantine-color-${c}-0)`],
        [`--mantine-color-${c}-light-hover`, `var(--mantine-color-${c}-1)`],
      ]),
    ),
  },
  dark: {},
});
