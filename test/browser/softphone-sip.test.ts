// The workstation's softphone against the real SIP edge: the phone line of test/voice/e2e (Doverie in
// this process on the host end of a veth, Kamailio + rtpengine + a baresip caller inside a private
// network namespace) with Debian's Chromium (fake audio devices) inside the namespace too. A counsellor
// signs in in the browser and goes on duty; the softphone registers with the credentials Doverie issued;
// a trunk caller with a phone number dials the service; the voice offer card is accepted with the
// keyboard; the caller's 1000 Hz tone is measured in the page and the caller hears Chromium's fake
// microphone; the counsellor hangs up from the contact card and the contact is completed. The caller's
// number is looked for in everything the page received (HTTP, Doverie's socket, the SIP WebSocket as
// Playwright saw it and as a packet capture holds it, the console) and in Doverie's log: found 0 times,
// while the capture does hold the INVITE. The workstation passes axe-core while ringing and in the call.
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES } from '../helpers/testDatabase.js';
import { eventsOf } from '../routing/routingApi.js';
import { SIP_PORT, startPhoneLine, waitUntil, WS_PORT, type PhoneLine } from '../voice/e2e/phoneLine.js';
import { countOccurrences, startCapture, type Capture } from '../voice/harness/capture.js';
import { analyseWav } from '../voice/harness/tone.js';
import { expectNoAxeViolations, focusedText } from './browserHarness.js';
import { heardFrequency, softphonePage } from './softphoneFixture.js';
import { allReceived, launchBrowserInNamespace, recordReceived, webSocketMessages, whatTheEdgeSaw } from './softphoneSipFixture.js';

const NUMBER = '89161234567';
const DIGITS = '9161234567';
const badge = (page: Page) => page.getByTestId('softphone-registration');
const field = (page: Page, label: string) => page.getByLabel(new RegExp(`^${label}( \\*)?$`));

describe.each(DATABASES)('the browser softphone on the real SIP edge, %s', (kind) => {
  let line: PhoneLine | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    line = await startPhoneLine(kind, { serveWeb: true, separateTrunk: true, offerTimeoutSeconds: 30 });
    browser = await launchBrowserInNamespace(line.ns, line.dir, line.url);
  }, 60_000);
  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await line?.stop();
  }, 60_000);

  it('registers with issued credentials, answers a trunk call from the offer card, audio both ways, hangs up; the number reaches the page 0 times', async () => {
    const { t, ns, service, url } = line!;
    const user = await t.user([{ role: 'counsellor', serviceId: service.id }]);
    const { context, page, issued } = await softphonePage(browser!);
    let capture: Capture | undefined = await startCapture({ ns, file: join(line!.dir, 'browser.pcapng'), ports: [WS_PORT] });
    try {
      const received = recordReceived(page);

      // Signs in on the login page and lands on the workstation; the softphone registers.
      await page.goto(`${url}/workstation`);
      await page.getByRole('heading', { level: 1, name: 'Вход в систему' }).waitFor();
      await field(page, 'Логин').fill(user.login);
      await field(page, 'Пароль').fill(user.password);
      await field(page, 'Пароль').press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Рабочее место' }).waitFor();
      await badge(page).filter({ hasText: 'Телефон подключён' }).waitFor({ timeout: 25_000 });
      expect(issued.map((c) => c.wsUrl)).toEqual([`ws://${ns.nsAddress}:${WS_PORT}`]);
      await waitUntil(() => t.routing.phones.has(user.id), 'the registration reached Doverie');

      await page.getByRole('group', { name: 'Ваш статус' }).getByRole('button', { name: 'На линии' }).click();
      await page
        .getByTestId('ws-presence')
        .filter({ hasText: /^На линии$/ })
        .waitFor();

      // A trunk call: the offer card, and «Принять» focused once the softphone rings.
      const caller = await line!.caller('caller', 5200, NUMBER);
      await caller.dial(`sip:${service.number}@${ns.nsAddress}:${SIP_PORT}`);
      const card = page.getByTestId('offer-card');
      await card.getByRole('button', { name: 'Принять' }).waitFor();
      await focusedText(page, 'Принять');
      await page.getByTestId('softphone-announcement').filter({ hasText: 'Входящий звонок' }).waitFor();
      await expectNoAxeViolations(page, 'the workstation with a trunk call ringing');
      await page.keyboard.press('Enter');
      await caller.waitEvent('CALL_ESTABLISHED', 15_000);
      const answeredAt = Date.now();

      // In the call: the contact card can hang up; the caller's tone is heard in the page.
      const contactCard = page.getByTestId('contact-card');
      const hangUp = contactCard.getByRole('button', { name: 'Завершить звонок: Звонок, риск: не оценён' });
      await hangUp.waitFor();
      let heard: number | null = null;
      await waitUntil(async () => ((heard = await heardFrequency(page)) ?? 0) > 900, 'the caller heard in the page', 15_000);
      expect(heard).toBeGreaterThan(950);
      expect(heard).toBeLessThan(1050);
      await expectNoAxeViolations(page, 'the workstation in a trunk call');
      // Long enough for the caller to record a few of the fake microphone's beeps (one a second).
      await new Promise((r) => setTimeout(r, Math.max(0, 4_000 - (Date.now() - answeredAt))));

      await hangUp.click();
      await caller.waitEvent('CALL_CLOSED', 10_000);
      await page.getByTestId('softphone-announcement').filter({ hasText: 'Звонок завершён' }).waitFor();
      expect(await page.evaluate<unknown>('window.__doverieSoftphone.state().call')).toBeNull();
      const contacts = await t.db.selectFrom('routing_contacts').select('id').where('service_id', '=', service.id).execute();
      expect(contacts).toHaveLength(1);
      const contactId = contacts[0]!.id;
      await waitUntil(async () => (await eventsOf(t, contactId)).includes('contact.completed'), 'the end reached Doverie');
      expect(await eventsOf(t, contactId)).toEqual([
        'contact.arrived',
        'offer.created',
        'contact.accepted',
        'contact.ended',
        'contact.completed',
      ]);
      const contact = await t.db.selectFrom('routing_contacts').selectAll().where('id', '=', contactId).executeTakeFirstOrThrow();
      expect(contact).toMatchObject({ channel: 'voice', state: 'completed', staff_id: user.id });
      const supervisor = await t.as([{ role: 'supervisor', serviceId: service.id }]);
      const facts = (await t.request(supervisor, 'GET', `/api/voice/calls/${contact.id}`)).json() as Record<string, number | string>;
      expect(facts).toMatchObject({ outcome: 'answered', endedBy: 'counsellor' });
      expect(facts.talkMs).toBeGreaterThan(3_000);

      // The caller heard the counsellor's (fake) microphone.
      const heardByCaller = await analyseWav((await caller.recordings()).heard.at(-1)!);
      expect(heardByCaller.rms, 'the caller heard the browser').toBeGreaterThan(0.01);

      // The number, nowhere on the counsellor's side.
      const dom = await page.evaluate<string>('document.documentElement.outerHTML');
      await capture.stop();
      const wire = await webSocketMessages(capture.file, WS_PORT);
      capture = undefined;
      const invites = (messages: string[]) => messages.filter((m) => m.startsWith('INVITE sip:'));
      expect(invites(wire.toClient).length, 'the capture holds the INVITE the browser received').toBeGreaterThan(0);
      expect(invites(received.frames.map((f) => f.payload)).length, 'Playwright saw the INVITE').toBeGreaterThan(0);
      const registered = wire.toServer.filter((m) => m.startsWith('REGISTER ') && m.includes(`username="${issued[0]!.username}"`));
      expect(registered.length, 'a REGISTER with the issued credentials').toBeGreaterThan(0);
      expect(received.responses.length).toBeGreaterThan(5);
      expect({
        wireToBrowser: countOccurrences(wire.toClient.join('\n'), DIGITS),
        wireFromBrowser: countOccurrences(wire.toServer.join('\n'), DIGITS),
        page: countOccurrences(allReceived(received), DIGITS),
        dom: countOccurrences(dom, DIGITS),
        log: countOccurrences(line!.logLines.join('\n'), DIGITS),
      }).toEqual({ wireToBrowser: 0, wireFromBrowser: 0, page: 0, dom: 0, log: 0 });
    } catch (err) {
      console.log(await whatTheEdgeSaw(line!, context.pages()[0]));
      throw err;
    } finally {
      await capture?.stop().catch(() => undefined);
      await context.close();
    }
  }, 90_000);
});
