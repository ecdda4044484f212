// After the chat: who ended it, the anonymous feedback (was it helpful 1–5, optional comment; sent
// once), the national number for later, and «Начать заново».
import { ApiError, sendFeedback } from './api.js';
import { charCount, h, show } from './dom.js';
import { MAX_COMMENT, t } from './i18n.js';
import { phoneLink } from './startView.js';

export interface EndedOptions {
  chatId: string;
  token: string;
  endedBy: 'child' | 'counsellor' | 'system' | null;
  feedbackGiven: boolean;
  nationalPhone: string;
  onAgain(): void;
}

function thanks(): HTMLElement {
  return h('p', { class: 'notice', role: 'status', 'data-testid': 'feedback-thanks' }, t.feedbackThanks);
}

function feedbackForm(opts: EndedOptions, box: HTMLElement): HTMLElement {
  const radios = [1, 2, 3, 4, 5].map((n) => h('input', { type: 'radio', name: 'rating', id: `rating-${n}`, value: n }));
  const comment = h('textarea', { id: 'feedback-comment', rows: 3, maxlength: MAX_COMMENT });
  const error = h('p', { class: 'error', role: 'alert', id: 'feedback-error' });
  const submit = h('button', { type: 'submit', class: 'primary' }, t.sendFeedback);
  const form = h(
    'form',
    { novalidate: true },
    h(
      'fieldset',
      { class: 'rating' },
      h('legend', {}, t.feedbackLegend),
      h('div', { class: 'scale' }, ...radios.map((r, i) => h('span', { class: 'choice' }, r, h('label', { for: r.id }, String(i + 1))))),
    ),
    h('div', { class: 'field' }, h('label', { for: 'feedback-comment' }, t.comment), comment),
    error,
    h('div', { class: 'actions' }, submit),
  );
  let busy = false;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (busy) return;
    const picked = radios.find((r) => r.checked);
    const rating = picked ? Number(picked.value) : null;
    const text = comment.value.trim();
    if (rating === null && !text) {
      error.textContent = t.feedbackEmpty;
      return;
    }
    if (charCount(text) > MAX_COMMENT) {
      error.textContent = t.commentTooLong;
      return;
    }
    busy = true;
    sendFeedback(opts.chatId, opts.token, rating, text || null)
      .then(() => box.replaceChildren(thanks()))
      .catch((err: unknown) => {
        busy = false;
        if (err instanceof ApiError && err.code === 'chat.feedback_given') return box.replaceChildren(thanks());
        error.textContent = err instanceof ApiError ? err.message : t.networkError;
      });
  });
  return form;
}

export function renderEnded(opts: EndedOptions): void {
  const box = h('section', { class: 'card', 'aria-label': t.sendFeedback });
  box.append(opts.feedbackGiven ? thanks() : feedbackForm(opts, box));
  const again = h('button', { type: 'button', class: 'secondary' }, t.again);
  again.addEventListener('click', opts.onAgain);
  show(
    h('h1', {}, t.endedTitle),
    h('p', { 'data-testid': 'ended-by' }, t.endedBy[opts.endedBy ?? 'system']),
    box,
    h('p', {}, t.helpAfter, phoneLink(opts.nationalPhone), '.'),
    h('div', { class: 'actions' }, again),
  );
}
