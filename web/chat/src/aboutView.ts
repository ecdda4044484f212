// The second screen: a short optional form about the child (with «Пропустить»), an optional first
// message the counsellor sees on the offer, «Запомнить это устройство», and the start. The chat id
// and resume token are made once per screen, so pressing start again after a network error
// retries the same chat instead of making a second one.
import { ApiError, startChat, type About, type Gender, type PublicService, type Who } from './api.js';
import { charCount, h, show } from './dom.js';
import { MAX_CHARS, t } from './i18n.js';
import { clientId, secret, uuid } from './random.js';
import { deviceToken, isDeviceRemembered } from './storage.js';

export interface Started {
  chatId: string;
  token: string;
  serviceId: string;
}

function select(id: string, labelText: string, options: readonly (readonly [string, string])[]): [HTMLElement, HTMLSelectElement] {
  const el = h('select', { id }, ...options.map(([value, text]) => h('option', { value }, text)));
  return [h('div', { class: 'field' }, h('label', { for: id }, labelText), el), el];
}

function input(id: string, labelText: string, attrs: Record<string, string>): [HTMLElement, HTMLInputElement] {
  const el = h('input', { id, ...attrs });
  return [h('div', { class: 'field' }, h('label', { for: id }, labelText), el), el];
}

export function renderAbout(service: PublicService, onStarted: (s: Started) => void, onBack: () => void): void {
  const ids = { chatId: uuid(), token: secret(), firstId: clientId() };
  const [whoField, who] = select('about-who', t.who, t.whoOptions);
  const [ageField, age] = input('about-age', t.age, { type: 'number', inputmode: 'numeric', min: '3', max: '99', autocomplete: 'off' });
  const [genderField, gender] = select('about-gender', t.gender, t.genderOptions);
  const [regionField, region] = input('about-region', t.region, { type: 'text', maxlength: '200', autocomplete: 'off' });
  const skip = h('button', { type: 'button', class: 'secondary' }, t.skip);
  const about = h(
    'fieldset',
    { class: 'about' },
    h('legend', {}, t.aboutLegend),
    h('p', { class: 'hint' }, t.aboutHint),
    whoField,
    ageField,
    genderField,
    regionField,
    h('div', { class: 'actions' }, skip),
  );
  const text = h('textarea', { id: 'first-message', rows: 4, 'aria-describedby': 'first-counter' });
  const counter = h('p', { class: 'counter', id: 'first-counter' }, t.counter(0));
  const remember = h('input', { type: 'checkbox', id: 'remember', 'aria-describedby': 'remember-hint', checked: isDeviceRemembered() });
  const error = h('p', { class: 'error', role: 'alert', id: 'about-error' });
  const start = h('button', { type: 'submit', class: 'primary' }, t.start);
  const back = h('button', { type: 'button', class: 'secondary' }, t.back);
  const form = h(
    'form',
    { novalidate: true },
    about,
    h('div', { class: 'field' }, h('label', { for: 'first-message' }, t.firstMessage), text, counter),
    h(
      'div',
      { class: 'check' },
      remember,
      h('label', { for: 'remember' }, t.remember),
      h('p', { class: 'hint', id: 'remember-hint' }, t.rememberHint),
    ),
    error,
    h('div', { class: 'actions' }, start, back),
  );

  skip.addEventListener('click', () => {
    who.value = '';
    age.value = '';
    gender.value = '';
    region.value = '';
    about.hidden = true;
    text.focus();
  });
  back.addEventListener('click', onBack);
  text.addEventListener('input', () => {
    const n = charCount(text.value);
    counter.textContent = t.counter(n);
    text.setAttribute('aria-invalid', String(n > MAX_CHARS));
    error.textContent = n > MAX_CHARS ? t.tooLong(n) : '';
  });

  let busy = false;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (busy) return;
    const info: About = {};
    if (who.value) info.who = who.value as Who;
    if (gender.value) info.gender = gender.value as Gender;
    if (region.value.trim()) info.region = region.value.trim();
    if (age.value.trim()) {
      const n = Number(age.value);
      if (!Number.isInteger(n) || n < 3 || n > 99) {
        error.textContent = t.ageInvalid;
        age.setAttribute('aria-invalid', 'true');
        return age.focus();
      }
      info.age = n;
    }
    age.removeAttribute('aria-invalid');
    const first = text.value;
    const n = charCount(first);
    if (n > MAX_CHARS) {
      error.textContent = t.tooLong(n);
      return text.focus();
    }
    busy = true;
    error.textContent = '';
    start.textContent = t.starting;
    startChat({
      chatId: ids.chatId,
      serviceId: service.id,
      token: ids.token,
      deviceToken: deviceToken(remember.checked, secret),
      about: info,
      firstMessage: first.trim() ? { clientId: ids.firstId, text: first } : null,
    })
      .then(() => onStarted({ chatId: ids.chatId, token: ids.token, serviceId: service.id }))
      .catch((err: unknown) => {
        busy = false;
        start.textContent = t.start;
        error.textContent = err instanceof ApiError ? err.message : t.networkError;
      });
  });

  show(
    h('h1', {}, t.aboutTitle),
    h('p', { class: 'service-name' }, `${service.region} — ${service.name}`),
    h('section', { class: 'card' }, form),
  );
}
