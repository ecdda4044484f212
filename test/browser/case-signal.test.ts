// A case and its signal in Chromium against the real built server, the demo network and a real SMTP
// server on loopback: Анна (the Kovrov helpline's counsellor) records a contact about physical
// abuse, opens a case with the child's consent and raises a signal to опека and ПДН (the region's
// entries of the demo directory); Ольга (the supervisor) approves it in the register; it is sent —
// each agency's e-mail reaches the SMTP server with the letter attached; the letter downloaded as a
// PDF says, in Cyrillic, what it must; Ольга records опека's incoming number. A second signal, sent at
// once for imminent danger, shows «Отправлен без согласования — требует проверки», appears on the
// supervisor's board as overdue for review, and is reviewed. axe-core on every page; nothing leaves
// the server's origin.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../helpers/pdfText.js';
import { readMail, startSmtpServer, type SmtpTestServer } from '../helpers/smtpTestServer.js';
import { expectNoAxeViolations, startHarness, type Harness } from './browserHarness.js';
import { OPEKA, PDN, recordAbuse, staffBrowser, type StaffBrowser } from './caseSignalFixture.js';
import { expectOnlyOwnOrigin, h1 } from './chatChildFixture.js';

const SERVICE = 'Ковровский социально-реабилитационный центр для несовершеннолетних';
const FACTS = 'Мальчик 12 лет рассказал, что отчим бьёт его ремнём; на руках синяки, домой возвращаться боится.';

let harness: Harness | undefined;
let smtp: SmtpTestServer | undefined;
let staff: StaffBrowser | undefined;
/** A demo staff member of the Kovrov helpline, signed in, on `path`. */
const signedIn = (login: string, path: string) => staff!.open(login, path);

beforeAll(async () => {
  smtp = await startSmtpServer();
  harness = await startHarness({ DOVERIE_SMTP_URL: smtp.url, DOVERIE_SMTP_FROM: 'Телефон доверия <signals@kovrov-helpline.example>' });
  staff = staffBrowser(harness);
}, 60_000);

afterAll(async () => {
  await staff?.close();
  await harness?.close();
  await smtp?.close();
}, 30_000);

describe('cases and signals in the staff SPA', () => {
  it('a contact about physical abuse → a case with consent → a signal to опека and ПДН → approved → e-mailed with the PDF letter', async () => {
    const anna = await signedIn('kovrov.counsellor', '/workstation');
    await recordAbuse(anna);

    // «Открыть случай» with the child's consent: who, when (now by default), what for; the child's data.
    await anna.getByRole('button', { name: 'Открыть случай' }).click();
    const open = anna.getByRole('dialog', { name: 'Открыть случай' });
    await expect.poll(() => open.getByRole('radio', { name: 'Согласие на помощь' }).isChecked()).toBe(true);
    // Without who consented and what for, the form says so by the fields.
    await open.getByRole('button', { name: 'Открыть случай' }).click();
    await open.getByText('Укажите, кто дал согласие').waitFor();
    await open.getByText('Выберите хотя бы одну цель').waitFor();
    await open
      .getByRole('radiogroup', { name: /Кто дал согласие/ })
      .getByRole('radio', { name: 'Ребёнок' })
      .check();
    await open.getByRole('checkbox', { name: 'Передать сведения в органы и учреждения' }).check();
    await open.getByRole('textbox', { name: 'Фамилия, имя ребёнка' }).fill('Петров Иван');
    await open.getByRole('textbox', { name: 'Возраст', exact: true }).fill('12');
    await open.getByRole('textbox', { name: 'Адрес', exact: true }).fill('г. Ковров, ул. Лесная, д. 7, кв. 3');
    await expectNoAxeViolations(anna, 'the dialog opening a case');
    await open.getByRole('button', { name: 'Открыть случай' }).click();

    await h1(anna, 'Случай').waitFor();
    await anna
      .getByTestId('case-basis')
      .getByText(/^согласие: Ребёнок, .+; для чего: Передать сведения в органы и учреждения$/)
      .waitFor();
    await anna.getByTestId('case-personal').getByText('Петров Иван').waitFor();
    await expectNoAxeViolations(anna, 'the case page');

    // «Сигнал»: опека and ПДН from the region's directory, physical abuse, what happened, the child's name, age and address.
    await anna.getByRole('button', { name: 'Сигнал', exact: true }).first().click();
    const form = anna.getByRole('dialog', { name: 'Сигнал о детском неблагополучии' });
    await form.getByRole('button', { name: 'Сохранить черновик' }).click();
    await form.getByText('Выберите хотя бы одного адресата').waitFor();
    await form.getByRole('checkbox', { name: `${OPEKA} — Опека и попечительство` }).check();
    await form.getByRole('checkbox', { name: `${PDN} — Полиция (ПДН)` }).check();
    await form.getByRole('combobox', { name: 'Основание' }).selectOption('physical_abuse');
    await form.getByRole('textbox', { name: 'Что произошло' }).fill(FACTS);
    for (const field of ['Фамилия, имя ребёнка', 'Возраст', 'Адрес'])
      expect(await form.getByRole('checkbox', { name: field, exact: true }).isChecked()).toBe(true);
    await expectNoAxeViolations(anna, 'the signal form');
    await form.getByRole('button', { name: 'Сохранить черновик' }).click();
    await h1(anna, 'Сигнал (черновик)').waitFor();
    await anna.getByText('Ожидает согласования: согласует супервизор, но не автор сигнала.').waitFor();
    const signalUrl = anna.url();
    await expectNoAxeViolations(anna, 'a drafted signal');

    // Ольга, the supervisor, finds it in the register and approves it: it gets its outgoing number.
    const olga = await signedIn('kovrov.supervisor', '/signals');
    await h1(olga, 'Сигналы').waitFor();
    const row = olga.getByTestId('signal-row').filter({ hasText: OPEKA });
    await row.getByRole('link', { name: /^Черновик от / }).click();
    await h1(olga, 'Сигнал (черновик)').waitFor();
    await olga.getByRole('button', { name: 'Согласовать' }).click();
    await h1(olga, /^Сигнал № \d{4}\/\d+$/).waitFor();
    const number = (await olga.getByRole('heading', { level: 1 }).innerText()).replace('Сигнал № ', '');
    await olga.getByTestId('signal-status').getByText('Согласован').waitFor();

    // Анна sends it: e-mail goes by itself (the server has an SMTP server).
    await anna.goto(signalUrl);
    await h1(anna, `Сигнал № ${number}`).waitFor();
    const plan = anna.getByTestId('send-plan');
    await plan.getByText(`${OPEKA}: Эл. почта — письмо с PDF уйдёт автоматически на opeka@kovrov.example`).waitFor();
    await expectNoAxeViolations(anna, 'an approved signal');
    await anna.getByRole('button', { name: 'Отправить', exact: true }).click();
    await anna.getByTestId('signal-status').getByText('Отправлен').waitFor();
    const details = anna.getByTestId('send-detail');
    await expect
      .poll(() => details.allInnerTexts())
      .toEqual([
        expect.stringMatching(/^accepted; message id <[^>]+>; 250 /),
        expect.stringMatching(/^accepted; message id <[^>]+>; 250 /),
      ]);

    // Each agency got its own e-mail with the letter attached.
    const mails = smtp!.mails.map((m) => ({ to: m.to, ...readMail(m.raw) }));
    expect(mails.map((m) => m.to).sort()).toEqual([['opeka@kovrov.example'], ['pdn@kovrov.example']]);
    for (const mail of mails) {
      expect(mail.subject).toMatch(new RegExp(`^Сообщение о детском неблагополучии, исх\\. № ${number} от \\d{2}\\.\\d{2}\\.\\d{4}$`));
      expect(mail.text).not.toContain('Петров');
      expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([
        [`Сигнал_${number.replace('/', '-')}.pdf`, 'application/pdf'],
      ]);
      const attached = await pdfText(mail.attachments[0]!.data);
      expect(attached).toContain(`Исх. № ${number}`);
      expect(attached).toContain(FACTS);
    }

    // The letter as the counsellor downloads it: the letterhead, number, addressees, text, child, signature — in Cyrillic.
    const [download] = await Promise.all([anna.waitForEvent('download'), anna.getByRole('link', { name: 'Письмо (PDF)' }).click()]);
    expect(download.suggestedFilename()).toBe(`Сигнал_${number.replace('/', '-')}.pdf`);
    const text = await pdfText(await readFile((await download.path())!));
    for (const phrase of [
      SERVICE,
      'Владимирская область',
      `Исх. № ${number} от `,
      OPEKA,
      'Эл. почта: opeka@kovrov.example',
      PDN,
      'Сообщение о детском неблагополучии',
      'Основание: физическое насилие.',
      FACTS,
      'Фамилия, имя ребёнка: Петров Иван',
      'Возраст: 12 лет',
      'Адрес: г. Ковров, ул. Лесная, д. 7, кв. 3',
      'Супервизор',
      'О. П. Кузнецова',
    ])
      expect(text).toContain(phrase);

    // Ольга records опека's incoming number; the register shows it.
    await olga.reload();
    await h1(olga, `Сигнал № ${number}`).waitFor();
    // The directory entry's name carries its organisation's: «Администрация … — Отдел опеки …».
    const ack = olga.getByRole('form', { name: new RegExp(`^Входящий номер: .*${OPEKA}$`) });
    await ack.getByRole('textbox', { name: 'Вх. №' }).fill('1234-вх');
    await ack.getByLabel('Дата').fill(new Date().toISOString().slice(0, 10));
    await ack.getByRole('button', { name: 'Записать' }).click();
    await olga
      .getByTestId('addressee-row')
      .filter({ hasText: OPEKA })
      .getByText(/^№ 1234-вх от /)
      .waitFor();
    await expectNoAxeViolations(olga, 'a sent signal with an incoming number');
    await olga.getByRole('link', { name: '← К журналу сигналов' }).click();
    const registered = olga.getByTestId('signal-row').filter({ hasText: `№ ${number}` });
    await registered.getByText('вх. № 1234-вх', { exact: false }).waitFor();
    await registered.getByText('Отправлен').waitFor();
    await expectNoAxeViolations(olga, 'the signal register');

    // The report for this month counts it by addressee: опека and ПДН.
    await olga.getByRole('tab', { name: 'Отчёт' }).click();
    await olga.getByRole('button', { name: 'Показать' }).click();
    await olga
      .getByTestId('signal-report-total')
      .getByText(/^Зарегистрировано сигналов: [1-9]\d*\.$/)
      .waitFor();
    const byAgency = olga.getByRole('table', { name: 'По адресатам' });
    await byAgency.getByRole('row', { name: /Орган опеки и попечительства [1-9]/ }).waitFor();
    await byAgency.getByRole('row', { name: /Полиция \(ПДН\) [1-9]/ }).waitFor();
    await expectNoAxeViolations(olga, 'the signals report');
  }, 120_000);

  it('a signal sent at once for imminent danger shows it awaits review, is on the board as overdue, and is reviewed', async () => {
    const anna = await signedIn('kovrov.counsellor', '/workstation');
    await recordAbuse(anna);
    await anna.getByRole('button', { name: 'Открыть случай' }).click();
    const open = anna.getByRole('dialog', { name: 'Открыть случай' });
    await open.getByRole('radio', { name: 'Обязанность по закону' }).check();
    await open.getByRole('radio', { name: 'Непосредственная угроза жизни или здоровью' }).check();
    await open.getByRole('button', { name: 'Открыть случай' }).click();
    await h1(anna, 'Случай').waitFor();
    await anna.getByRole('button', { name: 'Сигнал', exact: true }).first().click();
    const form = anna.getByRole('dialog', { name: 'Сигнал о детском неблагополучии' });
    await form.getByRole('checkbox', { name: `${PDN} — Полиция (ПДН)` }).check();
    // The directory entry's name carries its organisation's: «ОМВД … — Отделение …».
    await form.getByRole('combobox', { name: /^Способ отправки: / }).selectOption('phone');
    await form.getByRole('radio', { name: 'Непосредственная угроза' }).check();
    await form.getByRole('combobox', { name: 'Основание' }).selectOption('physical_abuse');
    await form.getByRole('textbox', { name: 'Что произошло' }).fill('Ребёнок звонит из подъезда: отчим пьян, угрожает, домой идти нельзя.');
    await form.getByRole('button', { name: 'Сохранить черновик' }).click();
    await h1(anna, 'Сигнал (черновик)').waitFor();
    await anna.getByTestId('send-plan').getByText(`${PDN}: Телефон — отправьте сами (письмо — в PDF выше) и отметьте отправку`).waitFor();
    // The phone call was made this minute: recorded with that time.
    const minute = new Date();
    minute.setSeconds(0, 0);
    const local = new Date(minute.getTime() - minute.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await anna.getByLabel('Когда отправлено вручную').fill(local);
    await anna.getByRole('button', { name: 'Отправить сразу, без согласования' }).click();
    await anna.getByTestId('signal-unreviewed').getByText('Отправлен без согласования — требует проверки').waitFor();
    await anna.getByTestId('addressee-row').getByText('отмечено вручную').waitFor();
    await expectNoAxeViolations(anna, 'a signal sent without approval');
    const number = (await anna.getByRole('heading', { level: 1 }).innerText()).replace('Сигнал № ', '');
    const saved = await anna.context().request.get(`${harness!.url}/api/signals/${anna.url().split('/signals/')[1]}`);
    expect(((await saved.json()) as { addressees: { sentAt: string }[] }).addressees[0]!.sentAt).toBe(minute.toISOString());

    // The supervisor's board lists it as overdue for review until it is reviewed.
    // (One supervised service: /board opens its board.)
    const olga = await signedIn('kovrov.supervisor', '/board');
    const overdue = olga
      .getByTestId('overdue-signals')
      .getByTestId('signal-row')
      .filter({ hasText: `№ ${number}` });
    await overdue.getByText('Не проверен').waitFor();
    await expectNoAxeViolations(olga, 'the board with an overdue signal');
    await overdue.getByRole('link', { name: `№ ${number}` }).click();
    await olga.getByRole('button', { name: 'Проверено' }).click();
    await olga.getByTestId('signal-unreviewed').waitFor({ state: 'detached' });
    await olga.goBack();
    await olga.getByRole('heading', { name: /^Просроченные сигналы/ }).waitFor();
    await expect.poll(() => olga.getByTestId('overdue-signals').getByText(`№ ${number}`).count()).toBe(0);
    expectOnlyOwnOrigin(harness!, staff!.requested);
  }, 90_000);
});
