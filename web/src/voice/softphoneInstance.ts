// The one softphone of this tab. It lives outside React, so a call goes on while the counsellor opens
// a record or another page; it is stopped (unregistered, credentials forgotten, a call hung up) when
// the person signs out or the page goes away. Closing or reloading the page during a call asks first.
//
// window.__doverieSoftphone lets an automated end-to-end test drive it as a person would: the same
// state the panel shows (no credentials, nothing about the caller) and the same actions as its
// buttons, nothing more.
import type { QueryClient } from '@tanstack/react-query';
import { ME_KEY } from '../auth/session';
import { AudioDevices } from './audioDevices';
import { RemoteAudio } from './remoteAudio';
import { Softphone } from './softphone';
import type { SoftphoneState } from './softphoneState';
import { fetchSipCredentials } from './voiceApi';

let instance: { phone: Softphone; devices: AudioDevices } | null = null;
let boundTo: QueryClient | null = null;

export function softphone(): { phone: Softphone; devices: AudioDevices } {
  if (instance) return instance;
  const devices = new AudioDevices();
  const audio = new RemoteAudio();
  const phone = new Softphone({ credentials: fetchSipCredentials, devices, audio });
  devices.store.subscribe(() => audio.setSink(devices.store.get().outputId));
  audio.setSink(devices.store.get().outputId);
  window.addEventListener('pagehide', () => phone.stop());
  window.addEventListener('beforeunload', (e) => {
    if (phone.state.call) e.preventDefault();
  });
  const api: SoftphoneTestApi = Object.freeze({
    state: () => structuredClone(phone.state),
    answer: () => phone.answer(),
    hangup: () => phone.hangup(),
  });
  // Once per page (a hot reload in development evaluates this module again).
  if (!('__doverieSoftphone' in window))
    Object.defineProperty(window, '__doverieSoftphone', { value: api, writable: false, configurable: false, enumerable: false });
  instance = { phone, devices };
  return instance;
}

export interface SoftphoneTestApi {
  state(): SoftphoneState;
  answer(): void;
  hangup(): void;
}

/** Stops the softphone when the session ends (sign-out, expiry): the cached "me" becomes null. */
export function stopOnSignOut(queryClient: QueryClient): void {
  if (boundTo === queryClient) return;
  boundTo = queryClient;
  queryClient.getQueryCache().subscribe((event) => {
    if (event.query.queryKey[0] === ME_KEY[0] && event.query.state.data === null) instance?.phone.stop();
  });
}
