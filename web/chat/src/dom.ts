// A tiny element builder. Text goes in through textContent only: nothing the server or the other
// side sends is ever parsed as HTML.
type Attrs = Record<string, string | number | boolean | null | undefined>;
type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, ...children);
  return el;
}

export function append(el: Element, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  }
}

/** The page's main region. */
export const app = (): HTMLElement => document.getElementById('app')!;

let shown = 0;

/**
 * Replaces the main region's content and moves the focus to the new view's heading (screen readers
 * read it). Not on the page's first view: there the first Tab must reach «Быстрый выход».
 */
export function show(...children: Child[]): void {
  const main = app();
  main.replaceChildren();
  append(main, ...children);
  const heading = main.querySelector('h1');
  if (heading && shown++ > 0) {
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  }
}

/** Says something to screen readers through the polite live region. */
export function announce(text: string): void {
  const region = document.getElementById('announcer');
  if (!region) return;
  const line = h('p', {}, text);
  region.append(line);
  // Keep the region short: old lines are no longer needed once read.
  while (region.childElementCount > 5) region.firstElementChild?.remove();
}

/** Number of characters as the server counts them (code points). */
export const charCount = (s: string): number => [...s].length;
