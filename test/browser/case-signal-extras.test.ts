// Around cases and signals in Chromium against the real built server and the demo network: Анна
// (the Kovrov helpline's counsellor) raises a signal straight from a contact record, without a case;
// Ольга (the supervisor) keeps the service's «Адресаты сигналов» — an agency added there (with the
// server's refusal of its e-mail shown by the field, in Russian, and a change on an old version
// refused as a conflict) is offered in the signal form, one switched off is not; Ольга hands Анна's
// case to Борис (a counsellor created for the test) — a page a version behind gets the conflict
// message; everyone who takes contacts is offered, a counsellor never on duty too, a methodologist
// not —, after which Анна gets «not found» for it and Борис has it; the head chooses from the same list. axe-core on the new page and
// dialogs; nothing leaves the server's origin.
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiSession } from './apiSession.js';
import { expectNoAxeViolations, startHarness, untilInPage, type Harness } from './browserHarness.js';
import { OPEKA, recordAbuse, staffBrowser, type StaffBrowser } from './caseSignalFixture.js';
import { expectOnlyOwnOrigin, h1 } from './chatChildFixture.js';

const FACTS = 'Мальчик 12 лет рассказал, что отчим бьёт его ремнём; на руках синяки, домой возвращаться боится.';
const KDN = 'Комиссия по делам несовершеннолетних и защите их прав администрации г. Коврова';
const OLD_AGENCY = 'Управление образования администрации г. Коврова (старый адрес)';
const BORIS = { login: 'kovrov.boris', pseudonym: 'Борис', password: 'Борис-пароль-на-смене-2026' };
const CONFLICT = 'Данные уже изменил кто-то другой. Обновите страницу и повторите.';

let harness: Harness | undefined;
let staff: StaffBrowser | undefined;
/** The Kovrov helpline's head, through the API: arranges what the browser does not need to show. */
let head: ApiSession | undefined;
let serviceId = '';

beforeAll(async () => {
  harness = await startHarness();
  staff = staffBrowser(harness);
  const { url } = harness;
  head = await ApiSession.signIn(url, 'kovrov.head', harness.passwordOf('kovrov.head'));
  const me = await head.call<{ user: { grants: { serviceId: string | null; role: string }[] } }>('GET', '/api/auth/me');
  serviceId = me.user.grants.find((g) => g.role === 'head')!.serviceId!;
  // Борис, a second counsellor of the helpline, who has been on duty once.
  const firstPassword = 'Первый-пароль-Бориса-2026';
  await head.call('POST', '/api/staff', {
    login: BORIS.login,
    pseudonym: BORIS.pseudonym,
    fullName: 'Орлов Борис Андреевич',
    password: firstPassword,
    grants: [{ serviceId, role: 'counsellor' }],
  });
  const first = await ApiSession.signIn(url, BORIS.login, firstPassword);
  await first.call('POST', '/api/auth/password', { currentPassword: firstPassword, newPassword: BORIS.password });
  // Вера, a counsellor who has never been on duty.
  await head.call('POST', '/api/staff', {
    login: 'kovrov.vera',
    pseudonym: 'Вера',
    fullName: 'Белова Вера Ивановна',
    grants: [{ serviceId, role: 'counsellor' }],
  });
  const boris = await ApiSession.signIn(url, BORIS.login, BORIS.password);
  for (const presence of ['available', 'offline'])
    await boris.call('PUT', '/api/routing/workstation/presence', { commandId: randomUUID(), serviceId, presence });
}, 90_000);

afterAll(async () => {
  await staff?.close();
  await harness?.close();
}, 30_000);

const signedIn = (login: string, path: string) => staff!.open(login, path);
const signalForm = (page: Page) => page.getByRole('dialog', { name: 'Сигнал о детском неблагополучии' });

describe('cases and signals: from a record, the agency list, handing a case over', () => {
  it('a signal raised straight from a contact record is drafted with the child data typed in the form and is on the register', async () => {
    const anna = await signedIn('kovrov.counsellor', '/workstation');
    await recordAbuse(anna);
    const recordId = new URL(anna.url()).pathname.split('/records/')[1]!;
    await anna.getByRole('button', { name: 'Передать сигнал' }).click();
    const form = signalForm(anna);
    // Nothing chosen: the form says what is missing, and the keyboard goes to the first addressee.
    await form.getByRole('button', { name: 'Сохранить черновик' }).click();
    await form.getByText('Выберите хотя бы одного адресата').waitFor();
    await form.getByText('Выберите основание').waitFor();
    await untilInPage(anna, `document.activeElement?.closest('[data-field="addressees"]') != null`);
    await form.getByRole('checkbox', { name: `${OPEKA} — Опека и попечительство` }).check();
    await form.getByRole('combobox', { name: 'Основание' }).selectOption('physical_abuse');
    await form.getByRole('textbox', { name: 'Что произошло' }).fill(FACTS);
    // No case to copy the child's data from: they are typed here, as far as the agency needs.
    const child = form.getByRole('group', { name: 'Сведения о ребёнке в письме' });
    await child.getByRole('textbox', { name: 'Фамилия, имя ребёнка' }).fill('Сидоров Петя');
    await child.getByRole('textbox', { name: 'Возраст', exact: true }).fill('12');
    await expectNoAxeViolations(anna, 'the signal form on a contact record');
    await form.getByRole('button', { name: 'Сохранить черновик' }).click();

    await h1(anna, 'Сигнал (черновик)').waitFor();
    await anna.getByTestId('signal-status').getByText('Черновик').waitFor();
    await anna.getByText('Сидоров Петя').waitFor();
    await anna.getByRole('link', { name: 'Запись об обращении' }).waitFor();
    expect(await anna.getByRole('link', { name: 'К случаю' }).count()).toBe(0);
    const signalId = anna.url().split('/signals/')[1]!;
    const saved = (await (await anna.context().request.get(`${harness!.url}/api/signals/${signalId}`)).json()) as {
      status: string;
      caseId: string | null;
      recordId: string | null;
      child: { childName?: string; childAge?: number };
      addressees: { name: string }[];
    };
    expect(saved).toMatchObject({ status: 'drafted', caseId: null, recordId, child: { childName: 'Сидоров Петя', childAge: 12 } });
    expect(saved.addressees.map((a) => a.name)).toEqual([expect.stringContaining(OPEKA)]);

    // The register lists it (Анна sees her own signals).
    await anna.getByRole('link', { name: '← К журналу сигналов' }).click();
    await h1(anna, 'Сигналы').waitFor();
    const row = anna.locator(`[data-testid="signal-row"]:has(a[href="/signals/${signalId}"])`);
    await row.getByText('Черновик', { exact: true }).waitFor();
    await row.getByText(OPEKA, { exact: false }).waitFor();
  }, 90_000);

  it('Ольга adds an agency on «Адресаты сигналов»; the signal form offers it, and not one switched off', async () => {
    const olga = await signedIn('kovrov.supervisor', '/signals');
    await h1(olga, 'Сигналы').waitFor();
    await olga.getByRole('link', { name: 'Адресаты сигналов' }).click();
    await h1(olga, /^Адресаты сигналов: /).waitFor();
    await olga.getByText('В списке службы пока нет адресатов.').waitFor();
    await expectNoAxeViolations(olga, 'the empty list of signal addressees');

    await olga.getByRole('button', { name: 'Добавить адресата' }).click();
    const add = olga.getByRole('dialog', { name: 'Новый адресат сигналов' });
    await add.getByRole('button', { name: 'Сохранить' }).click();
    await add.getByText('Заполните это поле').waitFor();
    await add.getByText('Выберите вид органа').waitFor();
    await add.getByRole('textbox', { name: 'Название' }).fill(KDN);
    await add.getByRole('combobox', { name: 'Вид органа' }).selectOption('kdn');
    // An address the form lets through but the server refuses: the refusal is shown by its field, in Russian.
    const email = add.getByRole('textbox', { name: 'Эл. почта' });
    await email.fill('kdn@kovrov');
    await add.getByRole('button', { name: 'Сохранить' }).click();
    await add.getByText('Проверьте адрес электронной почты').waitFor();
    await expect.poll(() => email.getAttribute('aria-invalid')).toBe('true');
    await expectNoAxeViolations(olga, "the addressee form with the server's refusal");
    await email.fill('kdn@kovrov.example');
    await add.getByRole('textbox', { name: 'Телефон' }).fill('+7 49232 2-11-11');
    await add.getByRole('button', { name: 'Сохранить' }).click();
    await add.waitFor({ state: 'detached' });
    const kdnRow = olga.getByTestId('agency-row').filter({ hasText: KDN });
    await kdnRow.getByText('КДН и ЗП').waitFor();
    await kdnRow.getByText('kdn@kovrov.example, +7 49232 2-11-11').waitFor();
    await kdnRow.getByText('Используется').waitFor();

    // A second one, switched off: it stays in the list, marked so.
    await olga.getByRole('button', { name: 'Добавить адресата' }).click();
    await add.getByRole('textbox', { name: 'Название' }).fill(OLD_AGENCY);
    await add.getByRole('combobox', { name: 'Вид органа' }).selectOption('education');
    await add.getByRole('textbox', { name: 'Факс' }).fill('+7 49232 3-00-00');
    await add.getByRole('button', { name: 'Сохранить' }).click();
    await add.waitFor({ state: 'detached' });
    await olga.getByRole('button', { name: `Отключить: ${OLD_AGENCY}` }).click();
    await olga.getByTestId('agency-row').filter({ hasText: OLD_AGENCY }).getByText('Отключён').waitFor();
    await olga.getByRole('button', { name: `Включить: ${OLD_AGENCY}` }).waitFor();
    await expectNoAxeViolations(olga, 'the list of signal addressees');

    // A change made on a version someone has changed since is refused with the conflict message.
    await olga.getByRole('button', { name: `Изменить: ${KDN}` }).click();
    const edit = olga.getByRole('dialog', { name: 'Адресат сигналов' });
    await expect.poll(() => edit.getByRole('textbox', { name: 'Эл. почта' }).inputValue()).toBe('kdn@kovrov.example');
    const listed = await head!.call<{ agencies: { id: string; name: string; version: number }[] }>(
      'GET',
      `/api/services/${serviceId}/signal-agencies`,
    );
    const kdn = listed.agencies.find((a) => a.name === KDN)!;
    await head!.call('PATCH', `/api/services/${serviceId}/signal-agencies/${kdn.id}`, { version: kdn.version, fax: '+7 49232 2-11-12' });
    await edit.getByRole('textbox', { name: 'Телефон' }).fill('+7 49232 2-22-22');
    await edit.getByRole('button', { name: 'Сохранить' }).click();
    await edit.getByRole('alert').getByText(CONFLICT).waitFor();
    await expectNoAxeViolations(olga, 'the addressee form with a conflict');
    await edit.getByRole('button', { name: 'Отмена' }).click();
    await olga.reload();
    await olga.getByRole('button', { name: `Изменить: ${KDN}` }).click();
    await edit.getByRole('textbox', { name: 'Телефон' }).fill('+7 49232 2-22-22');
    await edit.getByRole('button', { name: 'Сохранить' }).click();
    await kdnRow.getByText('kdn@kovrov.example, +7 49232 2-11-12, +7 49232 2-22-22').waitFor();

    // Анна's signal form offers the agency under the service's list, and not the one switched off.
    const anna = await signedIn('kovrov.counsellor', '/workstation');
    await recordAbuse(anna);
    await anna.getByRole('button', { name: 'Передать сигнал' }).click();
    const form = signalForm(anna);
    await form.getByText('Список службы').waitFor();
    const offered = form.getByRole('checkbox', { name: `${KDN} — КДН и ЗП` });
    await offered.waitFor();
    expect(await form.getByRole('checkbox', { name: new RegExp(OLD_AGENCY.replace(/[()]/g, '\\$&')) }).count()).toBe(0);
    await offered.check();
    await form.getByRole('combobox', { name: 'Основание' }).selectOption('neglect');
    await form.getByRole('textbox', { name: 'Что произошло' }).fill('Ребёнок подолгу один дома без еды.');
    await form.getByRole('button', { name: 'Сохранить черновик' }).click();
    await h1(anna, 'Сигнал (черновик)').waitFor();
    await anna.getByTestId('addressee-row').filter({ hasText: KDN }).getByText('Эл. почта').waitFor();
  }, 120_000);

  it('Ольга hands Анна’s case to Борис: the page shows him, Анна gets «not found», Борис has it', async () => {
    const { url } = harness!;
    const anna = await signedIn('kovrov.counsellor', '/workstation');
    await recordAbuse(anna);
    await anna.getByRole('button', { name: 'Открыть случай' }).click();
    const open = anna.getByRole('dialog', { name: 'Открыть случай' });
    await open.getByRole('radio', { name: 'Обязанность по закону' }).check();
    await open.getByRole('radio', { name: 'Насилие в отношении ребёнка' }).check();
    await open.getByRole('button', { name: 'Открыть случай' }).click();
    await h1(anna, 'Случай').waitFor();
    const casePath = new URL(anna.url()).pathname;
    const caseId = casePath.split('/cases/')[1]!;
    await anna.getByTestId('case-assignee').getByText('Анна').waitFor();
    // A counsellor does not hand cases over.
    expect(await anna.getByRole('button', { name: 'Передать случай' }).count()).toBe(0);

    const olga = await signedIn('kovrov.supervisor', casePath);
    await h1(olga, 'Случай').waitFor();
    await olga.getByRole('button', { name: 'Передать случай' }).click();
    const assign = olga.getByRole('dialog', { name: 'Передать случай' });
    const to = assign.getByRole('combobox', { name: 'Кому передать' });
    // The server lists everyone who takes contacts in the service, Вера too (never on duty yet); not
    // Анна, who has the case, nor the methodologist Светлана, who takes no contacts.
    await expect.poll(() => to.locator('option').allInnerTexts()).toEqual(expect.arrayContaining(['Борис', 'Вера']));
    expect(await to.locator('option').allInnerTexts()).not.toContain('Анна');
    expect(await to.locator('option').allInnerTexts()).not.toContain('Светлана');
    await assign.getByRole('button', { name: 'Передать', exact: true }).click();
    await assign.getByText('Выберите сотрудника').waitFor();
    await expectNoAxeViolations(olga, 'the dialog handing a case over');

    // Meanwhile Анна takes the case in work: Ольга's page is a version behind, and the server says so.
    await anna.getByRole('button', { name: 'Взять в работу' }).click();
    await anna.getByTestId('case-status').getByText('В работе').waitFor();
    await to.selectOption({ label: 'Борис' });
    await assign.getByRole('button', { name: 'Передать', exact: true }).click();
    await assign.getByRole('alert').getByText(CONFLICT).waitFor();
    await olga.getByTestId('case-assignee').getByText('Анна').waitFor();

    await olga.reload();
    await olga.getByTestId('case-status').getByText('В работе').waitFor();
    await olga.getByRole('button', { name: 'Передать случай' }).click();
    await to.selectOption({ label: 'Борис' });
    await assign.getByRole('button', { name: 'Передать', exact: true }).click();
    await assign.waitFor({ state: 'detached' });
    await olga.getByTestId('case-assignee').getByText('Борис').waitFor();

    // The head chooses from the same list: Вера too; Анна now, not Борис.
    const elena = await signedIn('kovrov.head', casePath);
    await elena.getByRole('button', { name: 'Передать случай' }).click();
    const options = elena
      .getByRole('dialog', { name: 'Передать случай' })
      .getByRole('combobox', { name: 'Кому передать' })
      .locator('option');
    await expect.poll(() => options.allInnerTexts()).toContain('Вера');
    expect(await options.allInnerTexts()).toEqual(expect.arrayContaining(['Анна', 'Ольга', 'Елена']));
    expect(await options.allInnerTexts()).not.toContain('Борис');

    // Анна no longer sees the case: its page and the API answer «not found», her list lacks it.
    await anna.reload();
    await anna.getByRole('alert').getByText('Случай не найден.').waitFor();
    expect((await anna.context().request.get(`${url}/api/cases/${caseId}`)).status()).toBe(404);
    await anna.goto(`${url}/cases`);
    await h1(anna, 'Случаи').waitFor();
    await expect
      .poll(async () => (await anna.getByText('Случаев нет.').count()) + (await anna.getByRole('table', { name: 'Случаи службы' }).count()))
      .toBe(1);
    expect(await anna.locator(`a[href="/cases/${caseId}"]`).count()).toBe(0);

    // Борис finds it in his list and opens it.
    const boris = await staff!.open(BORIS.login, '/cases', BORIS.password);
    await h1(boris, 'Случаи').waitFor();
    await boris.locator(`a[href="/cases/${caseId}"]`).click();
    await h1(boris, 'Случай').waitFor();
    await boris.getByTestId('case-assignee').getByText('Борис').waitFor();
    await boris.getByTestId('case-status').getByText('В работе').waitFor();
    expectOnlyOwnOrigin(harness!, staff!.requested);
  }, 120_000);
});
