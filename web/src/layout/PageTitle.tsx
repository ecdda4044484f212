// A page's <h1> and document.title in one. After client-side navigation the heading takes focus,
// so screen readers announce the new page and Tab continues from the top of its content.
import { Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useT } from '../i18n/I18nProvider';

let firstPageShown = false;

export function useDocumentTitle(title: string): void {
  const t = useT();
  useEffect(() => {
    document.title = `${title} — ${t('app.name')}`;
  }, [title, t]);
}

/** `documentTitle` names the page in the tab when the heading itself is more personal. */
export function PageTitle({ children, documentTitle }: { children: string; documentTitle?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useDocumentTitle(documentTitle ?? children);
  useEffect(() => {
    // On the first page of a visit the browser's own focus handling is right; afterwards move it.
    if (firstPageShown) ref.current?.focus({ preventScroll: false });
    firstPageShown = true;
  }, []);
  return (
    <Title order={1} ref={ref} tabIndex={-1} className="page-title" mb="lg">
      {children}
    </Title>
  );
}
