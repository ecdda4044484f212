// What the page keeps on the device. The chat (id, resume token, last message seen, expiry, and
// messages not yet acknowledged) lives in sessionStorage only; the device token lives in
// localStorage only if the child asked to remember the device. Quick exit removes all of it.
const PREFIX = 'doverie.chat.';
const SESSION_KEY = `${PREFIX}session`;
const DEVICE_KEY = `${PREFIX}device`;
/** How long a stored chat may be resumed without activity (the server also refuses an old token). */
export const RESUME_FOR_MS = 2 * 60 * 60_000;

export interface PendingMessage {
  clientId: string;
  text: string;
}

export interface StoredChat {
  chatId: string;
  token: string;
  serviceId: string;
  lastSeq: number;
  expiresAt: number;
  pending: PendingMessage[];
}

function safe<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    // Storage can be switched off (private mode, embedded third-party frame): the chat still works, without resume.
    return fallback;
  }
}

export function loadChat(now = Date.now()): StoredChat | null {
  return safe(() => {
    const raw = sessionStorage.getItem(SESSION_KEY);
    if (!raw) return null;
    const c = JSON.parse(raw) as StoredChat;
    if (typeof c.chatId !== 'string' || typeof c.token !== 'string' || !(c.expiresAt > now)) {
      sessionStorage.removeItem(SESSION_KEY);
      return null;
    }
    return { ...c, lastSeq: Number(c.lastSeq) || 0, pending: Array.isArray(c.pending) ? c.pending : [] };
  }, null);
}

export function saveChat(c: StoredChat): void {
  safe(() => sessionStorage.setItem(SESSION_KEY, JSON.stringify(c)), undefined);
}

export function clearChat(): void {
  safe(() => sessionStorage.removeItem(SESSION_KEY), undefined);
}

/** The device token: remembered (localStorage) or for this tab only (sessionStorage); made if there is none. */
export function deviceToken(remember: boolean, make: () => string): string {
  return safe(() => {
    const kept = localStorage.getItem(DEVICE_KEY) ?? sessionStorage.getItem(DEVICE_KEY);
    const token = kept ?? make();
    if (remember) {
      localStorage.setItem(DEVICE_KEY, token);
      sessionStorage.removeItem(DEVICE_KEY);
    } else {
      localStorage.removeItem(DEVICE_KEY);
      sessionStorage.setItem(DEVICE_KEY, token);
    }
    return token;
  }, make());
}

export const isDeviceRemembered = (): boolean => safe(() => localStorage.getItem(DEVICE_KEY) !== null, false);

/** Quick exit: every key of the chat in both storages. */
export function wipeAll(): void {
  for (const store of [() => sessionStorage, () => localStorage]) {
    safe(() => {
      const s = store();
      for (const key of Object.keys(s)) if (key.startsWith(PREFIX)) s.removeItem(key);
    }, undefined);
  }
}
