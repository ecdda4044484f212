// The e-mail channel of signals: the letter as a PDF attachment, sent to one agency at a time through
// the configured SMTP server (DOVERIE_SMTP_URL, nodemailer). What the server answered is the send's
// result: accepted with its message id and reply, or rejected / failed with the reply or error — the
// register keeps it per addressee and the audit records it. The e-mail's own text carries no data
// about the child: those travel only in the attached letter.
import nodemailer from 'nodemailer';
import type { SmtpConfig } from '../../config.js';
import { renderLetterPdf } from './letterPdf.js';
import { letterFileName, letterMailBody, letterSubject } from './letterText.js';
import type { SignalLetter } from './signalLetter.js';
import type { SendResult, SignalSender, SignalSenders } from './signalSender.js';

/** A stuck server must not hold the counsellor's «Отправить» for minutes (nodemailer waits 2 min to connect by default). */
const TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

interface SmtpFailure {
  code?: string;
  response?: string;
  responseCode?: number;
  message?: string;
}

/** The server's words, one line: never more than the reply and the error's code. */
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

export function deliveryResult(
  info: { accepted: unknown[]; rejected: unknown[]; messageId: string; response: string },
  to: string,
): SendResult {
  const accepted = info.accepted.some((a) => String(typeof a === 'object' && a && 'address' in a ? a.address : a).toLowerCase() === to);
  return accepted
    ? { ok: true, detail: oneLine(`accepted; message id ${info.messageId}; ${info.response}`) }
    : { ok: false, detail: oneLine(`rejected; ${info.response}`) };
}

export function failureResult(err: unknown): SendResult {
  const e = (err ?? {}) as SmtpFailure;
  // A refused recipient (RCPT TO answered 5xx/4xx) is the agency's address being rejected.
  if (e.code === 'EENVELOPE' && e.response) return { ok: false, detail: oneLine(`rejected; ${e.response}`) };
  return { ok: false, detail: oneLine(`error; ${e.code ?? 'ERROR'}; ${e.message ?? 'sending failed'}`) };
}

export interface EmailSender extends SignalSender {
  close(): void;
}

export function emailSender(smtp: SmtpConfig, clock: () => Date): EmailSender {
  const transport = nodemailer.createTransport({ url: smtp.url, ...TIMEOUTS });
  // One send of a signal goes to each e-mail addressee with the same letter: draw its PDF once.
  const pdfs = new WeakMap<SignalLetter, Promise<Buffer>>();
  const pdfOf = (letter: SignalLetter) => {
    let pdf = pdfs.get(letter);
    if (!pdf) {
      pdf = renderLetterPdf(letter, clock());
      pdfs.set(letter, pdf);
    }
    return pdf;
  };
  return {
    channel: 'email',
    async send(letter, addressee) {
      const to = addressee.email?.trim().toLowerCase();
      if (!to) return { ok: false, detail: 'error; no e-mail address' };
      try {
        const info = await transport.sendMail({
          from: smtp.from,
          to,
          subject: letterSubject(letter),
          text: letterMailBody(letter),
          attachments: [{ filename: letterFileName(letter), content: await pdfOf(letter), contentType: 'application/pdf' }],
        });
        return deliveryResult(info, to);
      } catch (err) {
        return failureResult(err);
      }
    },
    close: () => transport.close(),
  };
}

/** The channels that send by themselves in this process: e-mail when an SMTP server is configured. */
export function configuredSenders(smtp: SmtpConfig | null, clock: () => Date): { senders: SignalSenders; close(): void } {
  if (!smtp) return { senders: {}, close: () => {} };
  const email = emailSender(smtp, clock);
  return { senders: { email }, close: () => email.close() };
}
