// The conversation, while waiting and while chatting: queue position and wait, the counsellor's
// pseudonym, the messages (text only) with sent/read marks, the typing indicator, the composer
// (Enter sends, Shift+Enter new line, 2000 characters at most) and «Завершить чат» with a confirmation.
// New counsellor messages are announced through the page's polite live region.
import { announce, charCount, h, show } from './dom.js';
import { MAX_CHARS, t } from './i18n.js';
import type { ChatMessage } from './socket.js';

export interface ConversationActions {
  send(text: string): string;
  typing(): void;
  end(): void;
}

const TYPING_SHOWN_MS = 5_000;
const TYPING_SENT_EVERY_MS = 2_000;

const timeOf = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleTimeString('ru-RU', { hour: '2-digit', minute: '2-digit' });
};

function mark(state: 'sending' | 'sent' | 'read' | 'failed'): HTMLElement {
  const symbol = { sending: '…', sent: '✓', read: '✓✓', failed: '!' }[state];
  const text = { sending: t.sending, sent: t.sent, read: t.read, failed: t.failed }[state];
  return h(
    'span',
    { class: `mark mark-${state}`, 'data-state': state },
    h('span', { 'aria-hidden': 'true' }, symbol),
    h('span', { class: 'sr-only' }, text),
  );
}

export class Conversation {
  private readonly heading = h('h1', {});
  private readonly queue = h('div', { class: 'queue', role: 'status', 'data-testid': 'queue' });
  private readonly hint = h('p', { class: 'hint' }, t.waitingHint);
  private readonly connection = h('p', { class: 'offline', role: 'status' });
  private readonly list = h('ol', { class: 'messages', 'aria-label': t.messages, 'data-testid': 'messages' });
  private readonly typingLine = h('p', { class: 'typing', hidden: true });
  private readonly text = h('textarea', { id: 'compose', rows: 3, 'aria-describedby': 'compose-hint compose-counter' });
  private readonly counter = h('span', { id: 'compose-counter', class: 'counter' }, t.counter(0));
  private readonly composeError = h('p', { class: 'error', role: 'alert', id: 'compose-error' });
  private readonly chatError = h('p', { class: 'error', role: 'alert', id: 'chat-error' });
  private readonly endBox = h('div', { class: 'end' });
  private readonly bySeq = new Map<number, HTMLElement>();
  private readonly byClient = new Map<string, HTMLElement>();
  private readSeq = 0;
  private pseudonym: string | null = null;
  private typingTimer: number | undefined;
  private typingSentAt = 0;
  state: 'waiting' | 'active' = 'waiting';

  constructor(private readonly actions: ConversationActions) {
    const send = h('button', { type: 'submit', class: 'primary' }, t.send);
    const form = h(
      'form',
      { class: 'compose', novalidate: true },
      h('label', { for: 'compose' }, t.messageLabel),
      this.text,
      h('p', { class: 'hint', id: 'compose-hint' }, t.messageHint, ' ', this.counter),
      this.composeError,
      h('div', { class: 'actions' }, send),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.submit();
    });
    this.text.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        this.submit();
      }
    });
    this.text.addEventListener('input', () => {
      this.checkLength();
      const now = Date.now();
      if (this.text.value && now - this.typingSentAt > TYPING_SENT_EVERY_MS) {
        this.typingSentAt = now;
        this.actions.typing();
      }
    });
    this.connection.hidden = true;
    this.endButton();
    show(this.heading, this.queue, this.hint, this.connection, this.list, this.typingLine, this.chatError, form, this.endBox);
  }

  setWaiting(position: number | null, waitSeconds: number | null): void {
    this.state = 'waiting';
    this.heading.textContent = t.waitingTitle;
    const lines: string[] = [];
    if (position !== null) lines.push(t.position(position));
    if (waitSeconds !== null) lines.push(t.wait(Math.max(1, Math.ceil(waitSeconds / 60))));
    this.queue.replaceChildren(...lines.map((l) => h('p', {}, l)));
    this.queue.hidden = false;
    this.hint.hidden = false;
  }

  setActive(pseudonym: string | null, live: boolean): void {
    const was = this.state;
    this.state = 'active';
    this.pseudonym = pseudonym;
    this.heading.textContent = pseudonym ? t.chatTitle(pseudonym) : t.chatTitleNoName;
    this.queue.hidden = true;
    this.queue.replaceChildren();
    this.hint.hidden = true;
    if (live && was === 'waiting') announce(t.accepted(pseudonym ?? t.counsellor));
  }

  setConnection(up: boolean): void {
    this.connection.hidden = up;
    this.connection.textContent = up ? '' : t.offline;
  }

  /** A stored message (welcome, live, or the child's own after reload); announced if new and from the counsellor. */
  addMessage(m: ChatMessage, live: boolean): void {
    if (this.bySeq.has(m.seq)) return;
    const mine = m.from === 'child';
    const el = this.bubble(mine, m.text, m.at, mine ? (m.seq <= this.readSeq ? 'read' : 'sent') : null, m.pseudonym);
    el.dataset.seq = String(m.seq);
    this.bySeq.set(m.seq, el);
    this.insertBySeq(el, m.seq);
    if (!mine) {
      this.hideTyping();
      if (live) announce(`${m.pseudonym ?? this.pseudonym ?? t.counsellor}: ${m.text}`);
    }
  }

  /** A message the child sent, not yet acknowledged. */
  addPending(clientId: string, text: string): void {
    if (this.byClient.has(clientId)) return;
    const el = this.bubble(true, text, new Date().toISOString(), 'sending', null);
    el.dataset.clientId = clientId;
    this.byClient.set(clientId, el);
    this.list.append(el);
    el.scrollIntoView?.({ block: 'nearest' });
  }

  ack(clientId: string, seq: number): void {
    const el = this.byClient.get(clientId);
    if (!el) return;
    this.byClient.delete(clientId);
    if (this.bySeq.has(seq)) {
      // Stored before the connection dropped and already shown from the server's copy.
      el.remove();
      return;
    }
    el.dataset.seq = String(seq);
    this.bySeq.set(seq, el);
    this.setMark(el, seq <= this.readSeq ? 'read' : 'sent');
  }

  failed(clientId: string, message: string): void {
    const el = this.byClient.get(clientId);
    if (el) {
      this.byClient.delete(clientId);
      this.setMark(el, 'failed');
    }
    this.showError(message);
  }

  setRead(seq: number): void {
    this.readSeq = Math.max(this.readSeq, seq);
    for (const [s, el] of this.bySeq) if (s <= this.readSeq && el.classList.contains('mine')) this.setMark(el, 'read');
  }

  showTyping(): void {
    this.typingLine.textContent = t.typing(this.pseudonym ?? t.counsellor);
    this.typingLine.hidden = false;
    window.clearTimeout(this.typingTimer);
    this.typingTimer = window.setTimeout(() => this.hideTyping(), TYPING_SHOWN_MS);
  }

  showError(message: string): void {
    this.chatError.textContent = message;
  }

  private hideTyping(): void {
    window.clearTimeout(this.typingTimer);
    this.typingLine.hidden = true;
  }

  private checkLength(): boolean {
    const n = charCount(this.text.value);
    this.counter.textContent = t.counter(n);
    const tooLong = n > MAX_CHARS;
    this.text.setAttribute('aria-invalid', String(tooLong));
    this.composeError.textContent = tooLong ? t.tooLong(n) : '';
    return !tooLong;
  }

  private submit(): void {
    if (!this.checkLength()) return this.text.focus();
    const value = this.text.value;
    if (!value.trim()) return;
    this.chatError.textContent = '';
    const clientId = this.actions.send(value);
    this.addPending(clientId, value);
    this.text.value = '';
    this.checkLength();
    this.text.focus();
  }

  private bubble(
    mine: boolean,
    text: string,
    at: string,
    state: 'sending' | 'sent' | 'read' | 'failed' | null,
    pseudonym: string | null,
  ): HTMLElement {
    const who = mine ? t.you : (pseudonym ?? this.pseudonym ?? t.counsellor);
    const body = h('p', { class: 'text' });
    body.textContent = text;
    const meta = h(
      'p',
      { class: 'meta' },
      h('span', { class: 'who' }, who),
      ' ',
      h('time', { datetime: at }, timeOf(at)),
      ' ',
      state ? mark(state) : null,
    );
    return h('li', { class: mine ? 'msg mine' : 'msg theirs' }, body, meta);
  }

  private setMark(el: HTMLElement, state: 'sending' | 'sent' | 'read' | 'failed'): void {
    const old = el.querySelector('.mark');
    if (old?.getAttribute('data-state') === state) return;
    if (old) old.replaceWith(mark(state));
    else el.querySelector('.meta')?.append(mark(state));
  }

  /** Keeps server messages in their order (after a reconnect they may arrive after later pending ones). */
  private insertBySeq(el: HTMLElement, seq: number): void {
    const after = [...this.list.children].find((c) => {
      const s = (c as HTMLElement).dataset.seq;
      return s === undefined || Number(s) > seq;
    });
    this.list.insertBefore(el, after ?? null);
    el.scrollIntoView?.({ block: 'nearest' });
  }

  private endButton(): void {
    const end = h('button', { type: 'button', class: 'secondary' }, t.end);
    end.addEventListener('click', () => this.confirmEnd());
    this.endBox.replaceChildren(end);
  }

  private confirmEnd(): void {
    const yes = h('button', { type: 'button', class: 'danger' }, t.endYes);
    const no = h('button', { type: 'button', class: 'secondary' }, t.endNo);
    yes.addEventListener('click', () => {
      yes.disabled = true;
      this.actions.end();
    });
    no.addEventListener('click', () => {
      this.endButton();
      (this.endBox.querySelector('button') as HTMLButtonElement | null)?.focus();
    });
    this.endBox.replaceChildren(
      h(
        'div',
        { role: 'group', 'aria-labelledby': 'end-question', class: 'confirm' },
        h('p', { id: 'end-question' }, t.endConfirm),
        h('div', { class: 'actions' }, yes, no),
      ),
    );
    yes.focus();
  }
}
