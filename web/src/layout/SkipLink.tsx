// The first thing a keyboard user reaches: jumps past the header and navigation to <main id="main">.
import type { MouseEvent } from 'react';
import { useT } from '../i18n/I18nProvider';

export const MAIN_ID = 'main';

export function SkipLink() {
  const t = useT();
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    const main = document.getElementById(MAIN_ID);
    if (!main) return;
    event.preventDefault();
    main.focus();
    main.scrollIntoView();
  };
  return (
    <a className="skip-link" href={`#${MAIN_ID}`} onClick={onClick}>
      {t('app.skipToContent')}
    </a>
  );
}
