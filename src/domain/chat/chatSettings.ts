// A service's web-chat settings with defaults filled in, and whether its chat is open now.
import type { ServiceSettings } from '../../db/schema.js';
import { AppError } from '../../errors.js';

export interface ChatSettings {
  /** The service takes chats at all (its page shows only phones otherwise). */
  enabled: boolean;
  /** Days a chat's transcript is kept after it ends; then the job deletes the messages (statistics remain). */
  retentionDays: number;
  /** Messages one side of one chat may send per minute. */
  messagesPerMinute: number;
  /** New chats one caller key may start per hour. */
  newPerHour: number;
  /** Opening hours in the service's time zone, every day; null = around the clock. `to` before `from` crosses midnight. */
  hours: { from: string; to: string } | null;
  /** The service's own phone numbers, shown on the chat page. */
  phones: string[];
}

/** The national children's helpline number, shown when a service is closed (free, 24/7). */
export const NATIONAL_PHONE = '8-800-2000-122';
/** Longest message either side may send, in characters. */
export const MAX_MESSAGE_CHARS = 2000;

export const DEFAULT_CHAT_SETTINGS: Readonly<ChatSettings> = {
  enabled: true,
  retentionDays: 30,
  messagesPerMinute: 20,
  newPerHour: 5,
  hours: null,
  phones: [],
};

export function chatSettingsOf(s: ServiceSettings | undefined): ChatSettings {
  const d = DEFAULT_CHAT_SETTINGS;
  return {
    enabled: s?.chatEnabled ?? d.enabled,
    retentionDays: s?.chatRetentionDays ?? d.retentionDays,
    messagesPerMinute: s?.chatMessagesPerMinute ?? d.messagesPerMinute,
    newPerHour: s?.chatNewPerHour ?? d.newPerHour,
    hours: s?.chatHours ?? d.hours,
    phones: [...(s?.publicPhones ?? d.phones)],
  };
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether the chat is open at `now` in `timeZone` (hours null: always). `from` = `to` means all day. */
export function isOpenAt(hours: ChatSettings['hours'], timeZone: string, now: Date): boolean {
  if (!hours) return true;
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(now);
  const at = Number(parts.find((p) => p.type === 'hour')!.value) * 60 + Number(parts.find((p) => p.type === 'minute')!.value);
  const from = minutesOf(hours.from);
  const to = minutesOf(hours.to);
  if (from === to) return true;
  return from < to ? at >= from && at < to : at >= from || at < to;
}

/** A message either side may send: not blank, at most MAX_MESSAGE_CHARS characters (code points). */
export function checkText(text: string): void {
  if (text.trim().length === 0) throw new AppError('chat.message_empty');
  if ([...text].length > MAX_MESSAGE_CHARS) throw new AppError('chat.message_too_long', { max: MAX_MESSAGE_CHARS });
}
