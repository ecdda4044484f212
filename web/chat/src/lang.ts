// The page's language, chosen once at load: ?lang=en|ru in the address (a site embedding the chat
// chooses), else the child's earlier choice in this tab (session storage, under the chat's prefix, so
// quick exit removes it with everything else), else Russian. Changing it reloads the page in place
// (no new history entry), and the page resumes the stored chat on load.
export type Lang = 'ru' | 'en';

const LANG_KEY = 'doverie.chat.lang';
const PARAM = 'lang';

const isLang = (v: unknown): v is Lang => v === 'ru' || v === 'en';

function stored(): Lang | null {
  try {
    const v = sessionStorage.getItem(LANG_KEY);
    return isLang(v) ? v : null;
  } catch {
    // storage switched off: no earlier choice
    return null;
  }
}

function pick(): Lang {
  const asked = new URLSearchParams(location.search).get(PARAM);
  return isLang(asked) ? asked : (stored() ?? 'ru');
}

export const lang: Lang = pick();

/** Keeps the child's choice for this tab and reloads the page in it, replacing the current history entry. */
export function switchTo(next: Lang): void {
  try {
    sessionStorage.setItem(LANG_KEY, next);
  } catch {
    // without storage the address alone carries the choice
  }
  const url = new URL(location.href);
  url.searchParams.set(PARAM, next);
  location.replace(url.href);
}
