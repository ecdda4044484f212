// What the softphone's browser test needs besides the harness: a Chromium with fake audio devices and
// loopback WebRTC (the flags the SIP end-to-end test uses too), a counsellor in a service with a phone
// number, the credentials the page was issued (read off the wire, to check they are never stored),
// and a "caller": a second page with a peer connection that sends a 1000 Hz tone.
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { ApiSession } from './apiSession.js';
import { CHROMIUM, CHROMIUM_ARGS, recordRequests } from './browserHarness.js';

export const FIRST_PASSWORD = 'первый-Пароль-5521';
export const PASSWORD = 'рабочий-Пароль-7310';
export const COUNSELLOR = 'phone.anna';

export interface IssuedCredentials {
  wsUrl: string;
  uri: string;
  sipUser: string;
  username: string;
  password: string;
  expiresAt: string;
}

/** What a softphone needs besides CHROMIUM_ARGS: fake audio devices, loopback WebRTC, sound without a click. */
const MEDIA_ARGS = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
  // Host candidates as addresses, not mDNS names nobody resolves here.
  '--disable-features=WebRtcHideLocalIpsWithMdns',
];

/** Chromium for a softphone; `executablePath` and `extraArgs` for one started another way (in a network namespace). */
export const launchMediaBrowser = (executablePath = CHROMIUM, extraArgs: string[] = []): Promise<Browser> =>
  chromium.launch({ executablePath, args: [...CHROMIUM_ARGS, ...MEDIA_ARGS, ...extraArgs] });

/** A service (with a phone number when `number` is given) and a counsellor in it who has set a password. */
export async function serviceWithCounsellor(url: string, adminPassword: string, number?: string): Promise<string> {
  const admin = await ApiSession.signIn(url, 'admin', adminPassword);
  const service = { name: 'Служба телефона', shortName: 'Телефон', region: 'Тестовая область', timeZone: 'Europe/Moscow' };
  const serviceId = (await admin.call<{ id: string }>('POST', '/api/services', { ...service, settings: { offerTimeoutSeconds: 90 } })).id;
  if (number) await admin.call('PUT', `/api/services/${serviceId}/voice-numbers`, { numbers: [number] });
  await staffMember(url, admin, serviceId, { login: COUNSELLOR, pseudonym: 'Анна', role: 'counsellor' });
  return serviceId;
}

/** A staff member of the service created by `admin`, who has set their own password (PASSWORD). */
export async function staffMember(
  url: string,
  admin: ApiSession,
  serviceId: string,
  who: { login: string; pseudonym: string; role: 'counsellor' | 'supervisor' | 'head' },
): Promise<void> {
  await admin.call('POST', '/api/staff', {
    login: who.login,
    pseudonym: who.pseudonym,
    fullName: `${who.pseudonym} Тестовая`,
    password: FIRST_PASSWORD,
    grants: [{ serviceId, role: who.role }],
  });
  const own = await ApiSession.signIn(url, who.login, FIRST_PASSWORD);
  await own.call('POST', '/api/auth/password', { currentPassword: FIRST_PASSWORD, newPassword: PASSWORD });
}

/** A page for the workstation (Russian, 15 s for every wait) and every set of SIP credentials it is given. */
export async function softphonePage(browser: Browser) {
  const context = await browser.newContext({ locale: 'ru-RU', reducedMotion: 'reduce' });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const issued: IssuedCredentials[] = [];
  page.on('response', (r) => {
    // A body can no longer be read once its page is gone (the context closed at the end of a test): nothing to record then.
    if (r.url().endsWith('/api/voice/credentials') && r.ok())
      void r.json().then(
        (c: IssuedCredentials) => issued.push(c),
        () => {},
      );
  });
  return { context, page, issued };
}

/** The counsellor's workstation in `browser`, every set of SIP credentials the page was given, every URL it asked for. */
export async function openWorkstation(browser: Browser, url: string, options: { fakeClock?: boolean } = {}) {
  const { context, page, issued } = await softphonePage(browser);
  const login = await context.request.post(`${url}/api/auth/login`, { data: { login: COUNSELLOR, password: PASSWORD } });
  expect(login.status()).toBe(204);
  const requested = recordRequests(page);
  // A clock the test can move (hours ahead, to the credentials' renewal) without waiting.
  if (options.fakeClock) await page.clock.install();
  await page.goto(`${url}/workstation`);
  await page.getByRole('heading', { level: 1, name: 'Рабочее место' }).waitFor();
  return { context, page, issued, requested };
}

/** Fails if any issued username or password is in the page's storage, cookies or the test hook's state. */
export async function expectCredentialsNowhere(page: Page, issued: IssuedCredentials[]): Promise<void> {
  expect(issued.length).toBeGreaterThan(0);
  const kept = await page.evaluate<string>(
    'JSON.stringify([{ ...localStorage }, { ...sessionStorage }, document.cookie, window.__doverieSoftphone.state()])',
  );
  for (const c of issued) {
    expect(kept).not.toContain(c.password);
    expect(kept).not.toContain(c.username);
  }
}

const OFFER_TONE = `(async () => {
  const pc = new RTCPeerConnection({ iceServers: [] });
  const ctx = new AudioContext();
  await ctx.resume();
  const osc = ctx.createOscillator();
  osc.frequency.value = 1000;
  const dest = ctx.createMediaStreamDestination();
  osc.connect(dest);
  osc.start();
  pc.addTrack(dest.stream.getAudioTracks()[0], dest.stream);
  await pc.setLocalDescription(await pc.createOffer());
  await new Promise((resolve) => {
    const done = () => pc.iceGatheringState === 'complete' && resolve();
    pc.addEventListener('icegatheringstatechange', done);
    done();
    setTimeout(resolve, 3000);
  });
  window.callerPc = pc;
  return pc.localDescription.sdp;
})()`;

/** A caller page: an SDP offer sending a 1000 Hz tone; then the softphone's answers to apply. */
export async function startCaller(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const offer = await page.evaluate<string>(OFFER_TONE);
  return {
    context,
    offer,
    answered: (sdp: string) => page.evaluate(`window.callerPc.setRemoteDescription({ type: 'answer', sdp: ${JSON.stringify(sdp)} })`),
    /** Answers a re-INVITE's offer (hold, unhold) as the far end would. */
    reoffer: (sdp: string) =>
      page.evaluate<string>(`(async () => {
        await window.callerPc.setRemoteDescription({ type: 'offer', sdp: ${JSON.stringify(sdp)} });
        await window.callerPc.setLocalDescription(await window.callerPc.createAnswer());
        return window.callerPc.localDescription.sdp;
      })()`),
  };
}

/** The strongest frequency the counsellor hears (the softphone's <audio> element), in Hz. */
export const heardFrequency = (page: Page): Promise<number | null> =>
  page.evaluate<number | null>(`(async () => {
    const stream = document.querySelector('audio[data-softphone-audio]')?.srcObject;
    if (!stream) return null;
    const ctx = new AudioContext();
    await ctx.resume();
    const an = ctx.createAnalyser();
    an.fftSize = 4096;
    ctx.createMediaStreamSource(stream).connect(an);
    await new Promise((r) => setTimeout(r, 1500));
    const f = new Float32Array(an.frequencyBinCount);
    an.getFloatFrequencyData(f);
    let best = 1;
    for (let i = 2; i < f.length; i++) if (f[i] > f[best]) best = i;
    return Math.round((best * ctx.sampleRate) / an.fftSize);
  })()`);
