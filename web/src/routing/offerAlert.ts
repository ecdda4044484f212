// How an offer gets attention beyond the card: a short two-note tone made with WebAudio (no audio
// file is fetched) and a desktop notification when the person allowed them and is looking elsewhere.
// Browsers allow sound and the permission prompt only after a user gesture: sound is unlocked by the
// first click or key press, permission is asked when going on duty or on the explicit button.

let audio: AudioContext | null = null;

/** Unlocks sound; call from a click or key press. */
export function unlockSound(): void {
  try {
    audio ??= new AudioContext();
    if (audio.state === 'suspended') void audio.resume().catch(() => undefined);
  } catch {
    audio = null; // No WebAudio: the card and the notification still show.
  }
}

export const notificationsSupported = (): boolean => typeof window !== 'undefined' && 'Notification' in window;

export const notificationPermission = (): NotificationPermission => (notificationsSupported() ? Notification.permission : 'denied');

/** Asks for permission to show notifications (once: the browser remembers the answer); call from a user gesture. */
export async function askNotificationPermission(): Promise<NotificationPermission> {
  unlockSound();
  if (notificationPermission() !== 'default') return notificationPermission();
  try {
    return await Notification.requestPermission();
  } catch {
    return notificationPermission();
  }
}

export function playOfferTone(): void {
  if (!audio || audio.state !== 'running') return;
  const start = audio.currentTime + 0.01;
  for (const [offset, frequency] of [
    [0, 880],
    [0.22, 660],
  ] as const) {
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.type = 'sine';
    osc.frequency.value = frequency;
    const t = start + offset;
    gain.gain.setValueAtTime(0.0001, t);
    gain.gain.exponentialRampToValueAtTime(0.2, t + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.18);
    osc.connect(gain).connect(audio.destination);
    osc.start(t);
    osc.stop(t + 0.2);
  }
}

/** A desktop notification, only when permitted and the page is not what the person is looking at. */
export function notifyOffer(title: string, body: string, onClick: () => void): void {
  if (!notificationsSupported() || Notification.permission !== 'granted') return;
  if (document.visibilityState === 'visible' && document.hasFocus()) return;
  try {
    const n = new Notification(title, { body, tag: 'doverie-offer' });
    n.onclick = () => {
      window.focus();
      onClick();
      n.close();
    };
  } catch {
    // Some platforms allow notifications only from a service worker; the card and the tone remain.
  }
}
