// Signals by e-mail through a real SMTP server on loopback (smtp-server): each agency gets its own
// message with the letter attached as a PDF and a body without the child's data; the server's answer
// is the result recorded on the addressee and audited — accepted with the message id, a refused
// recipient (550) as rejected while the other agencies' messages still go, an unreachable server as an
// error. Without DOVERIE_SMTP_URL e-mail is recorded by hand, at the time the person gives; the settings
// are checked at boot.
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { pdfText } from '../helpers/pdfText.js';
import { readMail, startSmtpServer, type SmtpTestServer } from '../helpers/smtpTestServer.js';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { ok, outcome } from '../routing/routingApi.js';
import { agency, auditOf, caseOfTeam, draftSignal, PERSONAL, signalAction, type SignalSummary } from './caseApi.js';

const FROM = 'signals@helpline.example';
const CLOSED = 'closed@agency.example';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig({ DOVERIE_DATA_DIR: '/nonexistent-doverie', NODE_ENV: 'test', ...env });
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe('the SMTP settings', () => {
  it('are both given or neither, with an smtp(s) URL and an address', () => {
    expect(problemsOf({ DOVERIE_SMTP_URL: 'smtp://mail.example:587' })).toEqual([
      'DOVERIE_SMTP_URL and DOVERIE_SMTP_FROM: set both to send signals by e-mail, or neither',
    ]);
    expect(problemsOf({ DOVERIE_SMTP_URL: 'http://mail.example', DOVERIE_SMTP_FROM: FROM })).toEqual([
      'DOVERIE_SMTP_URL: must be an smtp:// or smtps:// URL',
    ]);
    expect(problemsOf({ DOVERIE_SMTP_URL: 'smtps://u:p@mail.example:465', DOVERIE_SMTP_FROM: 'not an address' })[0]).toMatch(
      /^DOVERIE_SMTP_FROM: must be an e-mail address/,
    );
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe.each(DATABASES)('signals by e-mail on %s', (kind) => {
  let smtp: SmtpTestServer;
  let t: TestApp;
  beforeAll(async () => {
    smtp = await startSmtpServer({ reject: [CLOSED] });
    t = await TestApp.start(kind, { smtp: { url: smtp.url, from: `Телефон доверия <${FROM}>` } });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  /** A case's signal to these agencies (by e-mail where they have one), approved by the supervisor and sent by the counsellor. */
  async function send(agencies: { name: string; agencyType: string; email: string | null }[]) {
    const tm = await caseOfTeam(t);
    const ids = [];
    for (const a of agencies) ids.push(await agency(t, tm.supervisor, tm.serviceId, a.agencyType, a));
    const drafted = await ok<SignalSummary>(
      draftSignal(t, tm.counsellor, tm.caseId, { addressees: ids.map((agencyId) => ({ source: 'list', agencyId })) }),
      201,
    );
    const approved = await ok<SignalSummary>(signalAction(t, tm.supervisor, drafted.id, 'approve', { version: drafted.version }));
    const sent = await ok<SignalSummary>(signalAction(t, tm.counsellor, drafted.id, 'send', { version: approved.version }));
    return { tm, number: approved.number!, sent };
  }

  const sendAudits = async (id: string) =>
    (await auditOf(t, id)).filter((a) => a.action === 'signal.send').flatMap((a) => (a.details as { results: unknown[] }).results);

  it('the SPA is told that e-mail sends by itself', async () => {
    const tm = await caseOfTeam(t);
    expect(await ok(t.request(tm.counsellor, 'GET', '/api/signals/channels'))).toEqual({ emailConfigured: true });
  });

  it('each agency gets its message with the letter attached; accepted with the message id, recorded and audited', async () => {
    const before = smtp.mails.length;
    const { number, sent } = await send([
      { name: 'Отдел опеки г. Коврова', agencyType: 'guardianship', email: 'opeka@agency.example' },
      { name: 'ОПДН г. Коврова', agencyType: 'police', email: 'pdn@agency.example' },
      { name: 'КДН и ЗП г. Коврова', agencyType: 'kdn', email: null },
    ]);
    expect(sent.status).toBe('sent');
    expect(sent.addressees.map((a) => [a.channel, a.sendStatus])).toEqual([
      ['email', 'sent'],
      ['email', 'sent'],
      ['phone', 'sent'],
    ]);
    for (const a of sent.addressees.slice(0, 2)) expect(a.sendDetail).toMatch(/^accepted; message id <[^>]+>; 250 .*queued as TEST1$/);
    expect(sent.addressees[2]!.sendDetail).toBe('recorded by hand');

    const mails = smtp.mails.slice(before);
    expect(mails.map((m) => [m.from, m.to])).toEqual([
      [FROM, ['opeka@agency.example']],
      [FROM, ['pdn@agency.example']],
    ]);
    for (const m of mails) {
      const mail = readMail(m.raw);
      expect(mail.subject).toMatch(new RegExp(`^Сообщение о детском неблагополучии, исх\\. № ${number} от \\d{2}\\.\\d{2}\\.\\d{4}$`));
      expect(mail.text).toContain('письмо во вложении, в формате PDF');
      // The child's data and the account travel only in the letter.
      expect(mail.text).not.toContain(PERSONAL.childName);
      expect(mail.text).not.toContain('побоях');
      expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([
        [`Сигнал_${number.replace('/', '-')}.pdf`, 'application/pdf'],
      ]);
      const text = await pdfText(mail.attachments[0]!.data);
      expect(text).toContain(`Исх. № ${number}`);
      expect(text).toContain('Ребёнок сообщил о побоях со стороны отчима.');
      expect(text).toContain(`Фамилия, имя ребёнка: ${PERSONAL.childName}`);
    }

    const messageIds = sent.addressees.slice(0, 2).map((a) => /message id (<[^>]+>)/.exec(a.sendDetail!)![1]);
    expect(mails.map((m) => /^Message-ID: (.+)$/im.exec(m.raw)?.[1]?.trim())).toEqual(messageIds);
    expect(await sendAudits(sent.id)).toEqual([
      { addresseeId: sent.addressees[2]!.id, channel: 'phone', status: 'sent' },
      { addresseeId: sent.addressees[0]!.id, channel: 'email', status: 'sent', detail: sent.addressees[0]!.sendDetail },
      { addresseeId: sent.addressees[1]!.id, channel: 'email', status: 'sent', detail: sent.addressees[1]!.sendDetail },
    ]);
  });

  it('a recipient the server refuses is recorded as rejected with its reply; the other agency still gets its message', async () => {
    const before = smtp.mails.length;
    const { sent } = await send([
      { name: 'Закрытый ящик', agencyType: 'guardianship', email: CLOSED },
      { name: 'ОПДН', agencyType: 'police', email: 'pdn2@agency.example' },
    ]);
    // Not every agency has it: the signal stays approved (a retry sends the failed one again).
    expect(sent.status).toBe('approved');
    expect(sent.addressees.map((a) => a.sendStatus)).toEqual(['failed', 'sent']);
    expect(sent.addressees[0]!.sendDetail).toBe('rejected; 550 5.1.1 Mailbox unavailable');
    expect(smtp.mails.slice(before).map((m) => m.to)).toEqual([['pdn2@agency.example']]);
    expect(await sendAudits(sent.id)).toMatchObject([
      { channel: 'email', status: 'failed', detail: 'rejected; 550 5.1.1 Mailbox unavailable' },
      { channel: 'email', status: 'sent', detail: expect.stringMatching(/^accepted; /) },
    ]);
  });

  it('an unreachable server is recorded as an error on the addressee', async () => {
    const down = await TestApp.start(kind, { smtp: { url: `smtp://127.0.0.1:${await closedPort()}`, from: FROM } });
    try {
      const tm = await caseOfTeam(down);
      const id = await agency(down, tm.supervisor, tm.serviceId);
      const drafted = await ok<SignalSummary>(
        draftSignal(down, tm.counsellor, tm.caseId, { addressees: [{ source: 'list', agencyId: id }] }),
        201,
      );
      const approved = await ok<SignalSummary>(signalAction(down, tm.supervisor, drafted.id, 'approve', { version: drafted.version }));
      const sent = await ok<SignalSummary>(signalAction(down, tm.counsellor, drafted.id, 'send', { version: approved.version }));
      expect(sent.status).toBe('approved');
      expect(sent.addressees[0]).toMatchObject({
        sendStatus: 'failed',
        sendDetail: expect.stringMatching(/^error; E[A-Z]+; .*ECONNREFUSED/),
      });
    } finally {
      await down.close();
    }
  });

  it('without an SMTP server e-mail is recorded by hand', async () => {
    const off = await TestApp.start(kind);
    try {
      const tm = await caseOfTeam(off);
      expect(await ok(off.request(tm.counsellor, 'GET', '/api/signals/channels'))).toEqual({ emailConfigured: false });
      const id = await agency(off, tm.supervisor, tm.serviceId);
      const drafted = await ok<SignalSummary>(
        draftSignal(off, tm.counsellor, tm.caseId, { addressees: [{ source: 'list', agencyId: id }] }),
        201,
      );
      const approved = await ok<SignalSummary>(signalAction(off, tm.supervisor, drafted.id, 'approve', { version: drafted.version }));
      // The time a person sent it is recorded as given: not in the future, not before the signal existed.
      off.clock.advance(20 * 60_000);
      const future = new Date(off.clock.now().getTime() + 3_600_000).toISOString();
      const before = new Date(off.clock.now().getTime() - 86_400_000).toISOString();
      for (const sentAt of [future, before])
        expect(outcome(await signalAction(off, tm.counsellor, drafted.id, 'send', { version: approved.version, sentAt }))).toEqual({
          status: 422,
          code: 'signal.sent_at_invalid',
        });
      expect((await auditOf(off, drafted.id)).filter((a) => a.action === 'signal.send')).toEqual([]);
      const sentAt = new Date(off.clock.now().getTime() - 10 * 60_000).toISOString();
      const sent = await ok<SignalSummary & { addressees: { sentAt: string }[] }>(
        signalAction(off, tm.counsellor, drafted.id, 'send', { version: approved.version, sentAt }),
      );
      expect(sent.addressees[0]).toMatchObject({ channel: 'email', sendStatus: 'sent', sendDetail: 'recorded by hand', sentAt });
    } finally {
      await off.close();
    }
  });
});
