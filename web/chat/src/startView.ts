// The first screen: the privacy promise in plain words, the choice of service (fixed by
// ?service=<id> when the page is embedded in a service's site), its phones and hours; a closed
// service shows the national 24/7 number and no way to start.
import type { PublicService, ServiceList } from './api.js';
import { h, show } from './dom.js';
import { t } from './i18n.js';

export interface StartOptions {
  list: ServiceList;
  /** The service fixed by the page's address (?service=<id>), if any. */
  fixedId: string | null;
  /** The service chosen before (coming back from the next screen). */
  selectedId: string | null;
  /** A message to show first (e.g. the previous chat could not be resumed). */
  notice?: string;
  onNext(service: PublicService): void;
}

const label = (s: PublicService) => `${s.region} — ${s.name}`;

export function privacyBlock(): HTMLElement {
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'privacy-title' },
    h('h2', { id: 'privacy-title' }, t.privacyTitle),
    h('ul', {}, ...t.privacy.map((line) => h('li', {}, line))),
  );
}

export function phoneLink(phone: string): HTMLAnchorElement {
  return h('a', { href: `tel:${phone.replace(/[^\d+]/g, '')}`, class: 'phone' }, phone);
}

function serviceInfo(s: PublicService, nationalPhone: string): HTMLElement[] {
  const out: HTMLElement[] = [];
  if (s.phones.length > 0) {
    const items = s.phones.map((p) => h('li', {}, phoneLink(p)));
    out.push(h('p', {}, t.phones), h('ul', { class: 'phones' }, ...items));
  }
  out.push(h('p', {}, s.hours ? t.hours(s.hours.from, s.hours.to) : t.hoursAllDay));
  if (!s.open) out.push(h('p', { class: 'closed', 'data-testid': 'closed' }, t.closed, phoneLink(nationalPhone), t.closedAfter));
  return out;
}

export function renderStart(opts: StartOptions): void {
  const { list } = opts;
  const fixed = opts.fixedId ? (list.services.find((s) => s.id === opts.fixedId) ?? null) : null;
  const error = h('p', { class: 'error', role: 'alert', id: 'start-error' });
  const info = h('div', { class: 'service-info', id: 'service-info' });
  let current: PublicService | null = fixed ?? (list.services.length === 1 ? list.services[0]! : null);
  if (!current && opts.selectedId) current = list.services.find((s) => s.id === opts.selectedId) ?? null;

  const next = h('button', { type: 'button', class: 'primary' }, t.next);
  next.addEventListener('click', () => {
    if (!current) {
      error.textContent = t.chooseService;
      select?.focus();
      return;
    }
    opts.onNext(current);
  });

  const update = () => {
    error.textContent = '';
    info.replaceChildren(...(current ? serviceInfo(current, list.nationalPhone) : []));
    next.hidden = current !== null && !current.open;
  };

  let select: HTMLSelectElement | null = null;
  let choice: HTMLElement;
  if (list.services.length === 0) {
    choice = h('p', { class: 'closed' }, t.noServices, phoneLink(list.nationalPhone), '.');
    next.hidden = true;
  } else if (fixed) {
    choice = h('p', { class: 'service-name' }, label(fixed));
  } else {
    select = h('select', { id: 'service' }, h('option', { value: '' }, t.servicePlaceholder));
    for (const s of list.services) select.append(h('option', { value: s.id, selected: current?.id === s.id }, label(s)));
    const sel = select;
    sel.addEventListener('change', () => {
      current = list.services.find((s) => s.id === sel.value) ?? null;
      update();
    });
    choice = h('div', { class: 'field' }, h('label', { for: 'service' }, t.serviceLabel), select);
  }

  show(
    h('h1', {}, t.title),
    opts.notice ? h('p', { class: 'notice', role: 'status' }, opts.notice) : null,
    opts.fixedId && !fixed ? h('p', { class: 'notice' }, t.serviceUnknown) : null,
    privacyBlock(),
    h('section', { class: 'card' }, choice, info, error, h('div', { class: 'actions' }, next)),
  );
  if (list.services.length > 0) update();
}
