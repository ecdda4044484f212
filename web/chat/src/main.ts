// The child's chat page: start → (about and first message) → waiting → chatting → ended, and back.
// A chat in session storage (not expired) is resumed on load: the socket says hello and the page
// shows whatever state the server reports, with the messages so far.
import './chat.css';
import { listServices, type PublicService, type ServiceList } from './api.js';
import { renderAbout, type Started } from './aboutView.js';
import { Conversation } from './chatView.js';
import { announce, h, show } from './dom.js';
import { renderEnded } from './endedView.js';
import { t } from './i18n.js';
import { installLanguage } from './langSwitch.js';
import { installQuickExit } from './quickExit.js';
import { ChatSocket, type ServerMessage } from './socket.js';
import { renderStart } from './startView.js';
import { clearChat, loadChat, RESUME_FOR_MS, saveChat, type StoredChat } from './storage.js';

const FALLBACK_NATIONAL = '8-800-2000-122';

let services: ServiceList | null = null;
let chat: StoredChat | null = null;
let socket: ChatSocket | null = null;
let conversation: Conversation | null = null;
let selectedId: string | null = null;
/** Server sequence numbers seen; the hello after a reconnect asks for what follows the unbroken run. */
let seen = new Set<number>();

const fixedId = new URLSearchParams(location.search).get('service');

function persist(): void {
  if (!chat) return;
  chat.expiresAt = Date.now() + RESUME_FOR_MS;
  if (socket) chat.pending = socket.pendingList();
  saveChat(chat);
}

function see(seq: number): void {
  seen.add(seq);
  let last = socket?.lastSeq ?? 0;
  while (seen.has(last + 1)) last++;
  if (socket) socket.lastSeq = last;
  if (chat) chat.lastSeq = last;
}

function closeChat(): void {
  socket?.stop();
  socket = null;
  conversation = null;
}

async function loadServices(): Promise<ServiceList | null> {
  try {
    services = await listServices();
  } catch {
    services = null;
  }
  return services;
}

async function toStart(notice?: string): Promise<void> {
  closeChat();
  chat = null;
  const list = services ?? (await loadServices());
  if (!list) {
    const retry = h('button', { type: 'button', class: 'primary' }, t.retry);
    retry.addEventListener('click', () => void toStart(notice));
    show(h('h1', {}, t.title), h('p', { class: 'error', role: 'alert' }, t.loadFailed, FALLBACK_NATIONAL, '.'), retry);
    return;
  }
  renderStart({ list, fixedId, selectedId, notice, onNext: toAbout });
}

function toAbout(service: PublicService): void {
  selectedId = service.id;
  renderAbout(service, onStarted, () => void toStart());
}

function onStarted(s: Started): void {
  chat = { ...s, lastSeq: 0, expiresAt: Date.now() + RESUME_FOR_MS, pending: [] };
  saveChat(chat);
  open(chat, true);
}

/** Connects to a stored chat. After a page load the whole transcript is asked for (the page is empty). */
function open(c: StoredChat, fresh: boolean): void {
  closeChat();
  seen = new Set();
  show(h('h1', {}, t.starting));
  socket = new ChatSocket(c.chatId, c.token, 0, c.pending, {
    onServer: handle,
    onConnection: (up) => conversation?.setConnection(up),
    onGone: () => {
      clearChat();
      void toStart(fresh ? undefined : t.resumeFailed);
    },
    onPending: () => persist(),
  });
  socket.connect();
}

function ensureConversation(): Conversation {
  if (conversation) return conversation;
  const s = socket!;
  conversation = new Conversation({
    send: (text) => s.send(text),
    typing: () => s.typing(),
    end: () => s.end(),
  });
  return conversation;
}

function markRead(): void {
  if (!socket || document.visibilityState !== 'visible' || !chat) return;
  const top = Math.max(0, ...seen);
  if (top > 0) socket.read(top);
}

function toEnded(endedBy: 'child' | 'counsellor' | 'system' | null, feedbackGiven: boolean): void {
  const c = chat!;
  closeChat();
  announce(t.endedAnnounce);
  persist();
  renderEnded({
    chatId: c.chatId,
    token: c.token,
    endedBy,
    feedbackGiven,
    nationalPhone: services?.nationalPhone ?? FALLBACK_NATIONAL,
    onAgain: () => {
      clearChat();
      void toStart();
    },
  });
}

function handle(m: ServerMessage): void {
  if (!chat || !socket) return;
  switch (m.type) {
    case 'welcome': {
      if (m.chat.state === 'ended') return toEnded(m.chat.endedBy, m.chat.feedbackGiven);
      const firstTime = conversation === null;
      const conv = ensureConversation();
      if (m.chat.state === 'waiting') conv.setWaiting(m.chat.position, m.chat.estimatedWaitSeconds);
      else conv.setActive(m.chat.counsellor?.pseudonym ?? null, !firstTime);
      conv.setRead(m.chat.staffReadSeq);
      for (const msg of m.messages) {
        conv.addMessage(msg, !firstTime);
        see(msg.seq);
      }
      for (const p of socket.pendingList()) conv.addPending(p.clientId, p.text);
      conv.setConnection(true);
      persist();
      return markRead();
    }
    case 'queue':
      return conversation?.setWaiting(m.position, m.estimatedWaitSeconds);
    case 'accepted':
      return conversation?.setActive(m.pseudonym, true);
    case 'message':
      conversation?.addMessage(m.message, true);
      see(m.message.seq);
      persist();
      return markRead();
    case 'ack':
      conversation?.ack(m.clientId, m.seq);
      see(m.seq);
      return persist();
    case 'typing':
      return conversation?.showTyping();
    case 'read':
      return conversation?.setRead(m.seq);
    case 'ended':
      return toEnded(m.by, false);
    case 'error':
      if (m.clientId) conversation?.failed(m.clientId, m.message);
      else conversation?.showError(m.message);
      if (m.code === 'chat.ended') socket.stop();
      return;
    default:
      return;
  }
}

function boot(): void {
  installLanguage(() => {
    persist();
    closeChat();
  });
  installQuickExit(
    () => services?.exitUrl ?? 'about:blank',
    () => {
      closeChat();
      chat = null;
    },
  );
  document.addEventListener('visibilitychange', markRead);
  const stored = loadChat();
  const loading = loadServices();
  if (stored) {
    chat = stored;
    open(stored, false);
  } else void loading.then(() => toStart());
}

boot();
