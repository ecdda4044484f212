// The page in its language: <html lang>, the title and the header's fixed texts (index.html is
// written in Russian), and the switch to the other language placed after the quick exit in the tab
// order. Before switching, the page keeps the chat in session storage; the reload resumes it.
import { h } from './dom.js';
import { t } from './i18n.js';
import { lang, switchTo, type Lang } from './lang.js';

export function installLanguage(beforeSwitch: () => void): void {
  document.documentElement.lang = lang;
  document.title = t.pageTitle;
  const exit = document.getElementById('quick-exit');
  if (exit) exit.textContent = t.quickExit;
  const hint = document.querySelector('.exit-hint');
  if (hint) hint.textContent = t.exitHint;
  const loading = document.querySelector('.loading');
  if (loading) loading.textContent = t.loading;
  const other: Lang = lang === 'en' ? 'ru' : 'en';
  const button = h('button', { type: 'button', id: 'lang-switch', class: 'lang', lang: other }, t.otherLanguage);
  button.addEventListener('click', () => {
    try {
      beforeSwitch();
    } finally {
      switchTo(other);
    }
  });
  (hint ?? exit)?.after(button);
}
