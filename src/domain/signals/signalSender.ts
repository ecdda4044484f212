// How a signal leaves the helpline. A channel with a SignalSender sends by itself (e-mail through
// the configured SMTP server, later perhaps fax); the result is recorded per addressee. A channel
// without one (phone, in person, post — and e-mail when no server is configured) is sent by a person
// and recorded as such. Senders get the letter's data (signalLetter.ts), never the database.
import type { SignalLetter } from './signalLetter.js';
import type { SignalChannel } from './signalVocabulary.js';

export interface SendResult {
  ok: boolean;
  /** What the channel said (a message id, an SMTP reply); never personal data. */
  detail: string | null;
}

export interface SignalSender {
  readonly channel: SignalChannel;
  send(letter: SignalLetter, addressee: SignalLetter['addressees'][number]): Promise<SendResult>;
}

export type SignalSenders = Partial<Record<SignalChannel, SignalSender>>;

/** What a send recorded by hand says in the register. */
export const RECORDED_BY_HAND = 'recorded by hand';
