// React's view of the tab's softphone: its state and devices as they change, whether the person takes
// calls in this browser (remembered; off for someone who answers on a desk phone), and the effect that
// runs it on the workstation while telephony is configured.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { softphone, stopOnSignOut } from './softphoneInstance';
import { Store } from './softphoneState';
import type { VoiceStatus } from './voiceApi';

const ENABLED_KEY = 'doverie.softphone.enabled';

function storedEnabled(): boolean {
  try {
    return localStorage.getItem(ENABLED_KEY) !== 'off';
  } catch {
    return true;
  }
}

const enabledStore = new Store<boolean>(storedEnabled());

export function setSoftphoneEnabled(on: boolean): void {
  try {
    if (on) localStorage.removeItem(ENABLED_KEY);
    else localStorage.setItem(ENABLED_KEY, 'off');
  } catch {
    // Storage disabled: the choice lasts for this page only.
  }
  enabledStore.set(on);
}

export const useSoftphoneEnabled = (): boolean => useSyncExternalStore(enabledStore.subscribe, enabledStore.get);

export function useSoftphone() {
  const { phone, devices } = softphone();
  const state = useSyncExternalStore(phone.store.subscribe, phone.store.get);
  const deviceState = useSyncExternalStore(devices.store.subscribe, devices.store.get);
  return { phone, devices, state, deviceState };
}

/**
 * Registers the softphone while telephony is configured and calls are taken in this browser. Leaving
 * the workstation keeps it running (a call must survive opening a record); signing out stops it.
 */
export function useSoftphoneRunner(status: VoiceStatus | undefined): void {
  const queryClient = useQueryClient();
  const enabled = useSoftphoneEnabled();
  const configured = status?.configured;
  useEffect(() => stopOnSignOut(queryClient), [queryClient]);
  useEffect(() => {
    if (configured === undefined) return;
    const { phone, devices } = softphone();
    if (configured && enabled) {
      phone.start();
      devices.watch();
    } else if (!phone.state.call) {
      // Never hangs up on a child because the status flickered: a call in progress goes on.
      phone.stop();
      devices.unwatch();
    }
  }, [configured, enabled]);
}
