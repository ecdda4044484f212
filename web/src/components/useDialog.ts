// Which dialog of a page is open. The last value is kept while the dialog closes, so its content
// stays on screen during the closing animation. On close, focus goes back to what opened the
// dialog (for a menu item: the menu's button), or to the page heading if that is gone.
import { useCallback, useRef, useState } from 'react';

export interface DialogState<T> {
  value: T | null;
  opened: boolean;
  open: (value: T) => void;
  close: () => void;
  /** True while the dialog of this kind is open. */
  is: <K extends (T extends { kind: string } ? T['kind'] : never)>(kind: K) => boolean;
}

function focusOrigin(): HTMLElement | null {
  const active = document.activeElement;
  if (!(active instanceof HTMLElement) || active === document.body) return null;
  const menu = active.closest('[role="menu"]');
  if (menu?.id) return document.querySelector<HTMLElement>(`[aria-controls="${CSS.escape(menu.id)}"]`);
  return active;
}

export function useDialog<T extends { kind: string }>(): DialogState<T> {
  const [state, setState] = useState<{ value: T | null; opened: boolean }>({ value: null, opened: false });
  const isOpen = useRef(false);
  const origin = useRef<HTMLElement | null>(null);

  // One dialog may replace another (the form, then the generated password): keep the first origin.
  const open = useCallback((value: T) => {
    if (!isOpen.current) origin.current = focusOrigin();
    isOpen.current = true;
    setState({ value, opened: true });
  }, []);

  const close = useCallback(() => {
    isOpen.current = false;
    setState((s) => ({ ...s, opened: false }));
    setTimeout(() => {
      const active = document.activeElement;
      const lost = !active || active === document.body || !active.isConnected || active.closest('[role="dialog"]');
      if (isOpen.current || !lost) return;
      const target = origin.current?.isConnected ? origin.current : document.querySelector<HTMLElement>('h1[tabindex="-1"]');
      target?.focus();
    }, 50);
  }, []);

  return { ...state, open, close, is: (kind) => state.opened && state.value?.kind === kind };
}

/**
 * The freshest copy of the record a dialog is editing: after someone else's change (a realtime
 * event, or a version conflict) the list refetches and the dialog saves against the new version.
 */
export function latest<T extends { id: string }>(items: readonly T[] | undefined, record: T): T {
  return items?.find((item) => item.id === record.id) ?? record;
}
