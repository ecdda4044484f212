// A directory entry's card sent to the child as the counsellor's message: name, phones, address,
// hours and what to say, in the counsellor's language. It goes through the staff send path, so it is
// sealed, sequenced, rate-limited and stored once per client id like any message the counsellor types.
import type { Locale } from '../../i18n/messages.js';
import { enforce, policy, type Actor } from '../auth/policy.js';
import type { DirectoryCard } from '../directory/directoryCards.js';
import { referralCard } from '../directory/referralCard.js';
import type { ChatService } from './chatService.js';
import { MAX_MESSAGE_CHARS } from './chatSettings.js';
import { factsOf, staffMessage } from './chatStaff.js';

const LABELS: Record<Locale, { phone: string; phones: string; address: string; hours: string }> = {
  ru: { phone: 'Телефон', phones: 'Телефоны', address: 'Адрес', hours: 'Часы работы' },
  en: { phone: 'Phone', phones: 'Phones', address: 'Address', hours: 'Hours' },
};

/** The card as message text, at most a message's length (what to say is shortened first, then the rest). */
export function cardText(card: Pick<DirectoryCard, 'name' | 'phones' | 'address' | 'hours' | 'referralNote'>, locale: Locale): string {
  const l = LABELS[locale];
  const phones = card.phones.map((p) => (p.description ? `${p.number} (${p.description})` : p.number));
  const lines = [
    card.name,
    ...(phones.length ? [`${phones.length > 1 ? l.phones : l.phone}: ${phones.join(', ')}`] : []),
    ...(card.address ? [`${l.address}: ${card.address}`] : []),
    ...(card.hours ? [`${l.hours}: ${card.hours}`] : []),
  ];
  const head = clip(lines.join('\n'), MAX_MESSAGE_CHARS);
  const room = MAX_MESSAGE_CHARS - [...head].length - 2;
  return card.referralNote && room > 0 ? `${head}\n\n${clip(card.referralNote, room)}` : head;
}

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Sends the card of a directory entry the chat's helpline sees (its own or national; else 404 directory.not_found). */
export async function sendDirectoryCard(
  svc: ChatService,
  actor: Actor,
  chatId: string,
  input: { directoryServiceId: string; clientId: string },
  locale: Locale,
) {
  // Who may write is asked first: an outsider learns nothing of the chat or the directory.
  const { facts, stored } = await factsOf(svc, chatId);
  enforce(policy.writeChat(actor, facts), 'chat.not_found');
  const { card } = await referralCard(svc.deps.db, actor, stored.serviceId, input.directoryServiceId, svc.deps.clock());
  const text = cardText(card, locale);
  const sent = await staffMessage(svc, actor, chatId, { clientId: input.clientId, text });
  return { ...sent, text };
}
