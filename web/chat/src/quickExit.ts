// Quick exit: the button (first in the tab order) or Esc pressed twice within a second. Closes the
// socket, empties the page, deletes everything the chat kept on the device (device token included),
// then replaces the page with a neutral site, so the back button does not lead back to the chat.
// Embedded in a service's site, it replaces the whole tab when the browser allows it.
import { wipeAll } from './storage.js';

const DOUBLE_ESC_MS = 1_000;

export function installQuickExit(exitUrl: () => string, beforeExit: () => void): void {
  let done = false;
  const exit = () => {
    if (done) return;
    done = true;
    try {
      beforeExit();
    } catch {
      // leaving matters more than closing neatly
    }
    document.title = '';
    document.body.replaceChildren();
    wipeAll();
    const url = exitUrl();
    try {
      if (window.top && window.top !== window) window.top.location.replace(url);
    } catch {
      // a frame may not navigate its parent: at least this page goes
    }
    location.replace(url);
  };
  document.getElementById('quick-exit')?.addEventListener('click', exit);
  let lastEsc = 0;
  document.addEventListener(
    'keydown',
    (e) => {
      if (e.key !== 'Escape') return;
      const now = Date.now();
      if (now - lastEsc <= DOUBLE_ESC_MS) exit();
      lastEsc = now;
    },
    true,
  );
}
