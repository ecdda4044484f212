// The referral directory (Справочник) in Chromium against the real built server, with the demo
// Vladimir helpline (Ковровский СРЦН) and its demo directory: its counsellor searches «кризисный»
// for a 14-year-old in the Владимирская область and finds the crisis centre «Маяк» (and not the
// adults' centre or the one in another region that its head added; an entry not verified for two
// years is flagged); its methodologist (no contacts, no journal; import but no public-access switch)
// adds an entry through the form (Russian messages first), finds it,
// changes it (after someone else's change, only from the new version), marks it verified and
// deletes it; edits the taxonomy; imports a file with a bad row, exports, and opens the directory
// to the public. axe-core on the page, the card and the forms; the UI is Russian and nothing leaves
// the origin.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiSession } from './apiSession.js';
import { expectNoAxeViolations, openSignedIn, startHarness, type Harness } from './browserHarness.js';

const COUNSELLOR = 'kovrov.counsellor';
const HEAD = 'kovrov.head';
const METHODOLOGIST = 'kovrov.methodologist';
/** The demo directory's crisis centre (src/domain/demo/demoDirectory.ts). */
const CRISIS_CENTRE = 'Кризисный центр для детей и подростков «Маяк»';
const STALE = 'Кризисное отделение областной психиатрической больницы';
const ADULTS = 'Кризисный центр для взрослых «Опора»';
const ELSEWHERE = 'Кризисный центр Тверской области';

let harness: Harness;
let head: ApiSession;
let tenantId: string;

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const entry = (name: string, extra: Record<string, unknown>) => ({
  name,
  organizationName: 'ГБУСО ВО «Центр социальной помощи семье и детям»',
  phones: [{ number: '+7 (4922) 33-44-55', description: 'круглосуточно' }],
  address: { address1: 'ул. Мира, д. 1', city: 'Владимир', region: 'Владимирская область', postalCode: '600000' },
  schedules: [{ days: ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'], opens: '00:00', closes: '00:00' }],
  areaCodes: ['RU-VLA'],
  free: true,
  assuredDate: isoDay(new Date()),
  ...extra,
});

beforeAll(async () => {
  harness = await startHarness();
  head = await ApiSession.signIn(harness.url, HEAD, harness.passwordOf(HEAD));
  tenantId = (await head.call<{ services: { id: string }[] }>('GET', '/api/auth/me')).services[0]!.id;
  const create = (body: unknown) => head.call('POST', `/api/services/${tenantId}/directory/entries`, body);
  const twoYearsAgo = new Date(Date.now() - 2 * 365 * 24 * 3600_000);
  await create(
    entry(STALE, { minAge: 12, maxAge: 17, assuredDate: isoDay(twoYearsAgo), phones: [{ number: '8-4922-32-00-00', description: null }] }),
  );
  await create(entry(ADULTS, { minAge: 18, maxAge: null }));
  await create(entry(ELSEWHERE, { areaCodes: ['RU-TVE'], minAge: 0, maxAge: 18 }));
}, 90_000);

afterAll(async () => {
  await harness?.close();
}, 30_000);

// Less motion (openSignedIn): dialogs appear without fading, so axe never sees one half-transparent.
const openAs = (login: string, path: string) => openSignedIn(harness, login, path);

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });
const card = (page: Page, name: string) => page.getByRole('article', { name });
/** A form field by its label; Mantine appends an aria-hidden " *" to labels of required fields. */
const field = (scope: Page | Locator, label: string) =>
  scope.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`));
const found = (page: Page) => page.getByTestId('directory-found');
const results = (page: Page) => page.getByRole('list', { name: 'Результаты поиска' });

describe('the referral directory in the staff SPA', () => {
  it('a counsellor finds the crisis centre for a 14-year-old in the Vladimir region', async () => {
    const { context, page, requested } = await openAs(COUNSELLOR, '/');
    try {
      await page.getByRole('navigation').getByRole('link', { name: 'Справочник' }).click();
      await heading(page, 'Справочник').waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('ru');
      expect(await page.title()).toBe('Справочник — Доверие');

      await page.getByRole('searchbox', { name: 'Что ищем' }).fill('кризисный');
      await page.getByRole('combobox', { name: 'Регион' }).selectOption({ label: 'Владимирская область' });
      await page.getByRole('textbox', { name: 'Возраст ребёнка' }).fill('14');
      // The results for all three (the list is busy while a search runs): the adults' centre
      // (from 18) and the one in another region are filtered out.
      const centre = card(page, CRISIS_CENTRE);
      await expect
        .poll(async () => ({
          busy: await results(page).getAttribute('aria-busy'),
          centre: await centre.count(),
          stale: await card(page, STALE).count(),
          adults: await card(page, ADULTS).count(),
          elsewhere: await card(page, ELSEWHERE).count(),
        }))
        .toEqual({ busy: 'false', centre: 1, stale: 1, adults: 0, elsewhere: 0 });
      await expect.poll(() => found(page).innerText()).toMatch(/^Найдено: \d+$/);

      // What the counsellor needs on the card: the phone to dial, address, hours, who it is for, what to say.
      const phone = centre.getByRole('link', { name: '+7 (4922) 00-11-01' });
      expect(await phone.getAttribute('href')).toBe('tel:+74922001101');
      await centre.getByText('дежурный психолог', { exact: false }).waitFor();
      await centre.getByText('ул. Примерная, д. 12', { exact: false }).waitFor();
      expect(await centre.getByText('Часы работы').count()).toBe(1);
      await centre.getByText('Бесплатно').waitFor();
      await centre.getByText('Возраст: 7–18').waitFor();
      await centre.getByText('Что сказать при направлении').waitFor();
      await centre.getByText('подросток может прийти сам, без родителей', { exact: false }).waitFor();
      await centre
        .getByRole('list', { name: `Рубрики: ${CRISIS_CENTRE}` })
        .getByText('Кризисные центры для детей и подростков')
        .waitFor();
      expect(await centre.getByText('Не проверялось более 12 месяцев').count()).toBe(0);
      await card(page, STALE).getByText('Не проверялось более 12 месяцев').waitFor();
      // A counsellor does not edit the directory: no editing buttons at all.
      expect(await page.getByRole('button', { name: /^(Изменить|Удалить|Проверено сегодня)/ }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Добавить запись' }).count()).toBe(0);
      expect(await page.getByRole('tab').count()).toBe(0);
      await expectNoAxeViolations(page, 'the directory search with results');

      // The card's own page.
      await centre.getByRole('link', { name: CRISIS_CENTRE }).click();
      await heading(page, CRISIS_CENTRE).waitFor();
      await page.getByText('Дата проверки').waitFor();
      await page.getByText('Владимирская область').first().waitFor();
      await expectNoAxeViolations(page, 'a directory card');
      expect(requested.filter((u) => !u.startsWith(harness.url) && !u.startsWith(harness.url.replace('http', 'ws')))).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('a methodologist adds an entry through the form, finds it, changes it and marks it verified', async () => {
    const { context, page } = await openAs(METHODOLOGIST, '/directory');
    try {
      await heading(page, 'Справочник').waitFor();
      // A methodologist keeps the directory but takes no contacts: no workstation, journal or cases;
      // imports, but opening the directory to the public is the head's decision.
      const nav = page.getByRole('navigation');
      await nav.getByRole('link', { name: 'Справочник' }).waitFor();
      for (const name of ['Рабочее место', 'Журнал обращений', 'Случаи']) expect(await nav.getByRole('link', { name }).count()).toBe(0);
      await page.getByRole('tab', { name: 'Импорт и экспорт' }).click();
      await page.getByRole('button', { name: 'Импортировать' }).waitFor();
      await page.getByRole('button', { name: 'Выгрузить' }).waitFor();
      expect(await page.getByRole('switch', { name: 'Справочник службы открыт без входа в систему' }).count()).toBe(0);
      await page.getByRole('tab', { name: 'Поиск' }).click();
      await page.getByRole('button', { name: 'Добавить запись' }).click();
      const dialog = page.getByRole('dialog', { name: 'Новая запись справочника' });
      await dialog.waitFor();

      // Checked before sending, in Russian, by the fields.
      await field(dialog, 'Номер').fill('звоните');
      await dialog.getByRole('button', { name: 'Создать' }).click();
      await dialog.getByText('Заполните это поле').first().waitFor();
      await dialog.getByText('Номер: цифры, пробелы, скобки, дефисы, в начале может быть +').waitFor();
      expect(await field(dialog, 'Название услуги').getAttribute('aria-invalid')).toBe('true');
      await expect.poll(() => page.evaluate("document.activeElement?.getAttribute('aria-invalid')")).toBe('true');
      await expectNoAxeViolations(page, 'the entry form with errors');

      const name = 'Центр правовой помощи детям «Защита»';
      await field(dialog, 'Название услуги').fill(name);
      await field(dialog, 'Организация').fill('Адвокатская палата Владимирской области');
      await field(dialog, 'Номер').fill('8 (4922) 11-22-33');
      await field(dialog, 'Для чего').fill('приёмная');
      await field(dialog, 'Улица, дом').fill('ул. Большая Московская, д. 10');
      await field(dialog, 'Населённый пункт').fill('Владимир');
      await dialog.getByRole('button', { name: 'Добавить часы работы' }).click();
      await field(dialog, 'С').fill('10:00');
      await field(dialog, 'До').fill('17:00');
      const areas = dialog.getByRole('combobox', { name: 'Где помогают' });
      await areas.fill('Владимир');
      await page.getByRole('listbox', { name: 'Где помогают' }).getByRole('option', { name: 'Владимирская область' }).click();
      await field(dialog, 'Возраст ребёнка от').fill('10');
      await field(dialog, 'Возраст ребёнка до').fill('17');
      await field(dialog, 'Что сказать при направлении').fill('Попросите позвать дежурного юриста.');
      // Last checked two years ago: the card will say so until «Проверено сегодня».
      await field(dialog, 'Дата проверки').fill(isoDay(new Date(Date.now() - 2 * 365 * 24 * 3600_000)));
      await dialog.getByRole('button', { name: 'Создать' }).click();
      await page.getByText('Запись добавлена в справочник').waitFor();
      await dialog.waitFor({ state: 'hidden' });

      // Found by a word of its name, in its stemmed form.
      await page.getByRole('searchbox', { name: 'Что ищем' }).fill('правовая помощь');
      const created = card(page, name);
      await created.waitFor();
      await created.getByRole('link', { name: '8 (4922) 11-22-33' }).waitFor();
      await created.getByText('Возраст: 10–17').waitFor();

      await created.getByText('Не проверялось более 12 месяцев').waitFor();

      // Changed: the form opens with what was saved.
      await created.getByRole('button', { name: `Изменить: ${name}` }).click();
      const edit = page.getByRole('dialog', { name: 'Запись справочника' });
      await expect.poll(() => field(edit, 'Название услуги').inputValue()).toBe(name);
      expect(await field(edit, 'Для чего').inputValue()).toBe('приёмная');
      const renamed = 'Центр бесплатной правовой помощи детям «Защита»';
      await field(edit, 'Название услуги').fill(renamed);
      // Meanwhile someone else changes the entry: the save is refused, nothing is overwritten,
      // and the form starts again from the new version on request.
      const { items } = await head.call<{ items: { id: string; name: string }[] }>(
        'GET',
        `/api/directory/services?q=${encodeURIComponent('Защита')}`,
      );
      const id = items.find((i) => i.name === name)!.id;
      const saved = await head.call<Record<string, unknown>>('GET', `/api/directory/entries/${id}`);
      const { id: _id, tenantId: _tenant, ...input } = saved;
      await head.call('PUT', `/api/directory/entries/${id}`, { ...input, referralNote: 'Спросите дежурного юриста Ирину.' });
      await edit.getByRole('button', { name: 'Сохранить' }).click();
      await edit.getByRole('alert').getByText('Запись справочника уже изменил кто-то другой', { exact: false }).waitFor();
      await expectNoAxeViolations(page, 'the entry form after a conflict');
      await edit.getByRole('button', { name: /^Загрузить новую версию/ }).click();
      await expect.poll(() => field(edit, 'Что сказать при направлении').inputValue()).toBe('Спросите дежурного юриста Ирину.');
      expect(await field(edit, 'Название услуги').inputValue()).toBe(name);
      await field(edit, 'Название услуги').fill(renamed);
      await field(edit, 'Возраст ребёнка до').fill('18');
      await edit.getByRole('button', { name: 'Сохранить' }).click();
      await edit.waitFor({ state: 'hidden' });
      const changed = card(page, renamed);
      await changed.getByText('Возраст: 10–18').waitFor();
      await changed.getByText('Спросите дежурного юриста Ирину.').waitFor();
      expect(await card(page, name).count()).toBe(0);

      await changed.getByRole('button', { name: `Проверено сегодня: ${renamed}` }).click();
      await page.getByText(`Отмечено: «${renamed}» проверено сегодня`).waitFor();
      await expect.poll(() => changed.getByText('Не проверялось более 12 месяцев').count()).toBe(0);
      await expectNoAxeViolations(page, 'the directory with the methodologist’s actions');

      // Deleted from its own page, after a confirmation.
      await changed.getByRole('link', { name: renamed }).click();
      await heading(page, renamed).waitFor();
      await page.getByRole('button', { name: `Удалить: ${renamed}` }).click();
      const confirm = page.getByRole('dialog', { name: 'Удалить запись?' });
      await confirm.getByRole('button', { name: 'Удалить' }).click();
      await heading(page, 'Справочник').waitFor();
      await page.getByText('Запись удалена').waitFor();
      await expect(head.call('GET', `/api/directory/services/${id}`)).rejects.toThrow(/: 404 /);
    } finally {
      await context.close();
    }
  }, 90_000);

  it('a head adds a sub-term, renames it, finds entries by it, and cannot delete it while it is used', async () => {
    const { context, page } = await openAs(HEAD, '/directory');
    try {
      await heading(page, 'Справочник').waitFor();
      await page.getByRole('tab', { name: 'Рубрикатор' }).click();
      const parent = page.getByRole('listitem').filter({ has: page.getByText('Кризисные центры', { exact: true }) });
      await parent.getByRole('button', { name: 'Добавить подрубрику в «Кризисные центры»' }).click();
      const add = page.getByRole('dialog', { name: 'Новая подрубрика в «Кризисные центры»' });
      await add.getByRole('button', { name: 'Создать' }).click();
      await add.getByText('Заполните это поле').waitFor();
      await field(add, 'Название рубрики').fill('Кризисные центры для подростков');
      await expectNoAxeViolations(page, 'the new term dialog');
      await add.getByRole('button', { name: 'Создать' }).click();
      await page.getByText('Рубрика добавлена').waitFor();
      // Nested under its parent.
      await parent.getByRole('list').getByText('Кризисные центры для подростков', { exact: true }).waitFor();

      await page.getByRole('button', { name: 'Переименовать «Кризисные центры для подростков»' }).click();
      const rename = page.getByRole('dialog', { name: 'Переименовать рубрику' });
      await field(rename, 'Название рубрики').fill('Кризисные центры для подростков 14–17 лет');
      await rename.getByRole('button', { name: 'Сохранить' }).click();
      await rename.waitFor({ state: 'hidden' });
      const termName = 'Кризисные центры для подростков 14–17 лет';
      await parent.getByRole('list').getByText(termName, { exact: true }).waitFor();
      await expectNoAxeViolations(page, 'the taxonomy');

      // An entry under the new term is found by it (and by the parent term, with its sub-terms).
      const terms = (await head.call<{ items: { id: string; name: string }[] }>('GET', '/api/directory/terms')).items;
      const term = terms.find((t) => t.name === termName)!;
      const parentTerm = terms.find((t) => t.name === 'Кризисные центры')!;
      const tagged = 'Подростковое отделение кризисного центра';
      await head.call('POST', `/api/services/${tenantId}/directory/entries`, entry(tagged, { termIds: [term.id] }));
      await page.getByRole('tab', { name: 'Поиск' }).click();
      await page.getByRole('combobox', { name: 'Рубрика' }).selectOption(term.id);
      await card(page, tagged).waitFor();
      await expect.poll(() => page.getByRole('article').count()).toBe(1);
      await page.getByRole('combobox', { name: 'Рубрика' }).selectOption(parentTerm.id);
      await card(page, CRISIS_CENTRE).waitFor();
      await card(page, tagged).waitFor();

      // Used by an entry: the server refuses, and says why.
      await page.getByRole('tab', { name: 'Рубрикатор' }).click();
      await page.getByRole('button', { name: `Удалить «${termName}»` }).click();
      const confirm = page.getByRole('dialog', { name: 'Удалить рубрику?' });
      await confirm.getByRole('button', { name: 'Удалить' }).click();
      await confirm.getByRole('alert').getByText('Рубрику нельзя удалить', { exact: false }).waitFor();
      await confirm.getByRole('button', { name: 'Отмена' }).click();
      await parent.getByRole('list').getByText(termName, { exact: true }).waitFor();
    } finally {
      await context.close();
    }
  }, 60_000);

  it('a head imports a file with a bad row (listed by file and line), then skips it, exports, and opens the directory to the public', async () => {
    const { context, page } = await openAs(HEAD, '/directory');
    try {
      await heading(page, 'Справочник').waitFor();
      await page.getByRole('tab', { name: 'Импорт и экспорт' }).click();
      const organization = 'Ковровский центр поддержки семьи (импорт)';
      const file = {
        name: 'справочник.json',
        mimeType: 'application/json',
        buffer: Buffer.from(
          JSON.stringify({
            'organizations.csv': [{ id: crypto.randomUUID(), name: organization, description: 'Импортирована из файла HSDS.' }],
            'services.csv': [{ id: 'not-a-uuid', name: 'Услуга с неверным id', status: 'active' }],
          }),
        ),
      };
      await page.locator('input[type="file"]').setInputFiles(file);
      await page.getByRole('button', { name: 'Импортировать' }).click();
      await page.getByRole('alert').getByText('Импорт не выполнен, ничего не сохранено', { exact: false }).waitFor();
      const errors = page.getByRole('table', { name: /^Ошибки в файле: 1/ });
      const row = errors.getByRole('row').nth(1);
      await row.getByRole('cell', { name: 'services.csv', exact: true }).waitFor();
      await row.getByRole('cell', { name: '$["services.csv"][0]', exact: true }).waitFor();
      await expectNoAxeViolations(page, 'the import with row errors');
      const search = (q: string) => head.call<{ total: number }>('GET', `/api/directory/services?q=${encodeURIComponent(q)}`);
      expect((await search('Услуга с неверным')).total).toBe(0);

      await page.getByRole('checkbox', { name: 'Пропустить ошибочные строки' }).check();
      await page.getByRole('button', { name: 'Импортировать' }).click();
      await page.getByRole('status').getByText('Импорт завершён. Сохранено строк: 1.').waitFor();
      await errors.waitFor();

      await page.getByRole('radio', { name: 'HSDS JSON' }).check();
      await page.getByRole('button', { name: 'Выгрузить' }).click();
      const link = page.getByRole('link', { name: 'Скачать файл' });
      await link.waitFor();
      const exported = await context.request.get(harness.url + (await link.getAttribute('href'))!);
      expect(exported.status()).toBe(200);
      expect(await exported.text()).toContain(organization);

      // Public access: off by default; on, the open HSDS API answers without a session; off again, it does not.
      const publicUrl = `${harness.url}/api/hsds/public/${tenantId}/services`;
      const publicStatus = async () => {
        const res = await fetch(publicUrl);
        await res.text(); // read it all: an unread body would hold the connection and the server's shutdown
        return res.status;
      };
      expect(await publicStatus()).toBe(404);
      const open = page.getByRole('switch', { name: 'Справочник службы открыт без входа в систему' });
      // The switch shows the server's state: it turns on once the setting is saved, not at the click
      // (locator.check() would expect the change at once and fails when the answer is slower).
      await open.click();
      await page.getByRole('textbox', { name: 'Адрес открытого HSDS API' }).waitFor();
      await expect.poll(() => open.isChecked()).toBe(true);
      await expect.poll(publicStatus).toBe(200);
      await expectNoAxeViolations(page, 'import, export and public access');
      await open.click();
      await expect.poll(() => open.isChecked()).toBe(false);
      await expect.poll(publicStatus).toBe(404);
    } finally {
      await context.close();
    }
  }, 60_000);
});
