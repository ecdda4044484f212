// The formal letter of a signal as a PDF, read back by poppler (pdftotext, pdffonts): the letterhead
// (name, region, phones), the outgoing number and date, the addressees with how they are reached, the
// text, only the child's data the signal carries, and the signature of the supervisor who approved it
// — in DejaVu Sans embedded as subsets with Unicode maps. A draft is a preview marked ПРОЕКТ; a signal
// sent at once is signed by its author with a note; a long text runs onto numbered pages. Downloading
// is audited like any read of the letter; others get 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageInWords, signatureName } from '../../src/domain/signals/letterText.js';
import { pdfFonts, pdfPages, pdfText } from '../helpers/pdfText.js';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { ok, outcome } from '../routing/routingApi.js';
import { agency, auditOf, caseOfTeam, draftSignal, PERSONAL, signalAction, type SignalSummary } from './caseApi.js';

const FACTS = 'Ребёнок сообщил о побоях со стороны отчима.';

describe('the words of the letter', () => {
  it('writes ages and signatures as Russian letters do', () => {
    expect([1, 3, 5, 11, 12, 14, 21, 22, 25].map(ageInWords)).toEqual([
      '1 год',
      '3 года',
      '5 лет',
      '11 лет',
      '12 лет',
      '14 лет',
      '21 год',
      '22 года',
      '25 лет',
    ]);
    expect(signatureName('Кузнецова Ольга Петровна')).toBe('О. П. Кузнецова');
    expect(signatureName('Иванов Пётр')).toBe('П. Иванов');
    expect(signatureName('Администратор')).toBe('Администратор');
  });
});

describe.each(DATABASES)('the letter as a PDF on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind);
  });
  afterAll(() => t.close());

  const pdfOf = async (who: Parameters<TestApp['request']>[0], id: string) => {
    const res = await t.request(who, 'GET', `/api/signals/${id}/letter.pdf`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    return { res, pdf: res.rawPayload };
  };

  it('an approved signal: letterhead, number and date, addressees, text, chosen child data, signature; fonts embedded', async () => {
    const tm = await caseOfTeam(t);
    await t.db
      .updateTable('services')
      .set({ settings: JSON.stringify({ publicPhones: ['+7 (49232) 2-22-22'] }) })
      .where('id', '=', tm.serviceId)
      .execute();
    const opeka = await agency(t, tm.supervisor, tm.serviceId, 'guardianship', { name: 'Отдел опеки и попечительства г. Коврова' });
    const pdn = await agency(t, tm.supervisor, tm.serviceId, 'police', {
      name: 'ОПДН ОМВД России по г. Коврову',
      email: null,
      fax: '+7 (49232) 0-02-03',
    });
    const drafted = await ok<SignalSummary>(
      draftSignal(t, tm.counsellor, tm.caseId, {
        addressees: [
          { source: 'list', agencyId: opeka },
          { source: 'list', agencyId: pdn },
        ],
        childFields: ['childName', 'childAge', 'address'],
      }),
      201,
    );

    const draft = await pdfText((await pdfOf(tm.counsellor, drafted.id)).pdf);
    expect(draft).toContain('ПРОЕКТ');
    expect(draft).toContain('Исх. № ________ от ____________');

    const approved = await ok<SignalSummary>(signalAction(t, tm.supervisor, drafted.id, 'approve', { version: drafted.version }));
    const letter = await ok<{ dateRu: string; letterhead: { name: string } }>(
      t.request(tm.counsellor, 'GET', `/api/signals/${drafted.id}/letter`),
    );
    const { res, pdf } = await pdfOf(tm.counsellor, drafted.id);
    const asciiNumber = approved.number!.replace('/', '-');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="signal-${asciiNumber}.pdf"; filename*=UTF-8''${encodeURIComponent(`Сигнал_${asciiNumber}.pdf`)}`,
    );
    expect(res.headers['cache-control']).toBe('no-store');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    const text = await pdfText(pdf);
    for (const phrase of [
      letter.letterhead.name,
      'Владимирская область',
      'Тел.: +7 (49232) 2-22-22',
      `Исх. № ${approved.number} от ${letter.dateRu}`,
      'Отдел опеки и попечительства г. Коврова',
      'Эл. почта: opeka@example.ru',
      'ОПДН ОМВД России по г. Коврову',
      'Факс: +7 (49232) 0-02-03',
      'Сообщение о детском неблагополучии',
      'статьи 56 Семейного кодекса Российской Федерации',
      'Основание: физическое насилие.',
      'Срочность: обычная.',
      FACTS,
      `Фамилия, имя ребёнка: ${PERSONAL.childName}`,
      'Возраст: 12 лет',
      `Адрес: ${PERSONAL.address}`,
      'Супервизор',
      'Т. Т. Тестов',
      'Конфиденциально: содержит персональные данные несовершеннолетнего.',
      'Стр. 1 из 1',
    ])
      expect(text).toContain(phrase);
    // Only the data the signal carries: not the school, not the family.
    expect(text).not.toContain(PERSONAL.school);
    expect(text).not.toContain('Петрова Анна');
    expect(text).not.toContain('ПРОЕКТ');

    const fonts = await pdfFonts(pdf);
    expect(fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual(['DejaVuSans', 'DejaVuSans-Bold']);
    expect(fonts.every((f) => f.embedded && f.unicode)).toBe(true);
    // Subsets: the glyphs used, not the whole 700 KB typefaces.
    expect(pdf.length).toBeLessThan(120_000);

    // Each download is a read of the letter, audited with the fields it opened; no one else may have it.
    const reads = (await auditOf(t, drafted.id)).filter((a) => a.action === 'signal.letter_read');
    expect(reads).toHaveLength(3);
    expect(reads.at(-1)).toMatchObject({
      actor_id: tm.counsellor.userId,
      details: { fields: ['facts', 'childName', 'childAge', 'address'] },
    });
    expect(outcome(await t.request(tm.colleague, 'GET', `/api/signals/${drafted.id}/letter.pdf`))).toEqual({
      status: 404,
      code: 'signal.not_found',
    });
    expect((await auditOf(t, drafted.id)).filter((a) => a.action === 'signal.letter_read')).toHaveLength(3);
  });

  it('a signal sent at once for imminent danger is signed by its author, marked urgent, with the note', async () => {
    const tm = await caseOfTeam(t);
    const opeka = await agency(t, tm.supervisor, tm.serviceId, 'guardianship', { email: null });
    const drafted = await ok<SignalSummary>(
      draftSignal(t, tm.counsellor, tm.caseId, { urgency: 'imminent', addressees: [{ source: 'list', agencyId: opeka }], childFields: [] }),
      201,
    );
    const sent = await ok<SignalSummary>(signalAction(t, tm.counsellor, drafted.id, 'send', { version: drafted.version }));
    expect(sent.sentWithoutApproval).toBe(true);
    const text = await pdfText((await pdfOf(tm.supervisor, drafted.id)).pdf);
    for (const phrase of [
      'СРОЧНО',
      'Срочность: непосредственная угроза жизни или здоровью ребёнка — просим принять меры незамедлительно.',
      'Консультант',
      'Т. Т. Тестов',
      'Направлено без предварительного согласования в связи с непосредственной угрозой жизни или здоровью ребёнка.',
      'Сведения, позволяющие установить личность ребёнка, в сообщении не приводятся.',
    ])
      expect(text).toContain(phrase);
    expect(text).not.toContain(PERSONAL.childName);
  });

  it('a long account runs onto numbered pages and is all there', async () => {
    const tm = await caseOfTeam(t);
    const opeka = await agency(t, tm.supervisor, tm.serviceId);
    const long = Array.from(
      { length: 60 },
      (_, i) => `Абзац ${i + 1}: ребёнок рассказал подробности, записанные консультантом дословно.`,
    ).join('\n');
    const drafted = await ok<SignalSummary>(
      draftSignal(t, tm.counsellor, tm.caseId, { facts: long, addressees: [{ source: 'list', agencyId: opeka }] }),
      201,
    );
    await ok(signalAction(t, tm.supervisor, drafted.id, 'approve', { version: drafted.version }));
    const { pdf } = await pdfOf(tm.counsellor, drafted.id);
    const pages = await pdfPages(pdf);
    expect(pages).toBeGreaterThanOrEqual(2);
    const text = await pdfText(pdf);
    expect(text).toContain('Абзац 1: ребёнок рассказал');
    expect(text).toContain('Абзац 60: ребёнок рассказал подробности, записанные консультантом дословно.');
    expect(text).toContain(`Стр. ${pages} из ${pages}`);
  });
});
