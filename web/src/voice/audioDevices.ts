// The microphone and the speaker the softphone uses: listed with enumerateDevices (names appear once
// the browser has been allowed to use the microphone), chosen by the counsellor and remembered in
// localStorage — the device ids only, never anything about calls or credentials. '' means the
// system's default device.
import { Store } from './softphoneState';

export interface AudioDevice {
  id: string;
  /** The browser's name for it; empty until the microphone has been allowed once. */
  label: string;
}

export interface DeviceState {
  inputs: AudioDevice[];
  outputs: AudioDevice[];
  inputId: string;
  outputId: string;
  /** The browser can send a page's sound to a chosen speaker (HTMLMediaElement.setSinkId). */
  canChooseOutput: boolean;
  /** The browser told the devices' names (it does after the microphone was allowed). */
  named: boolean;
}

const INPUT_KEY = 'doverie.softphone.input';
const OUTPUT_KEY = 'doverie.softphone.output';
// Chrome lists its "default" and "communications" aliases beside the real devices; '' stands for the default.
const ALIASES = new Set(['', 'default', 'communications']);

function remembered(key: string): string {
  try {
    return localStorage.getItem(key) ?? '';
  } catch {
    return '';
  }
}

function remember(key: string, id: string): void {
  try {
    if (id) localStorage.setItem(key, id);
    else localStorage.removeItem(key);
  } catch {
    // Storage disabled: the choice lasts for this page only.
  }
}

const media = (): MediaDevices | undefined => (typeof navigator === 'undefined' ? undefined : navigator.mediaDevices);

export const canChooseOutput = (): boolean => typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;

export class AudioDevices {
  readonly store = new Store<DeviceState>({
    inputs: [],
    outputs: [],
    inputId: remembered(INPUT_KEY),
    outputId: remembered(OUTPUT_KEY),
    canChooseOutput: canChooseOutput(),
    named: false,
  });
  private watching = false;
  private readonly onChange = () => void this.refresh();

  /** Lists the devices now and whenever one is plugged in or out. */
  watch(): void {
    if (this.watching) return;
    this.watching = true;
    media()?.addEventListener?.('devicechange', this.onChange);
    void this.refresh();
  }

  unwatch(): void {
    this.watching = false;
    media()?.removeEventListener?.('devicechange', this.onChange);
  }

  async refresh(): Promise<void> {
    const list = await media()
      ?.enumerateDevices()
      .catch(() => []);
    if (!list) return;
    const of = (kind: MediaDeviceKind) =>
      list.filter((d) => d.kind === kind && !ALIASES.has(d.deviceId)).map((d) => ({ id: d.deviceId, label: d.label }));
    const inputs = of('audioinput');
    this.store.update((s) => ({ ...s, inputs, outputs: of('audiooutput'), named: inputs.some((d) => d.label !== '') }));
  }

  /** Asks for the microphone once (a user gesture), so that the browser tells the devices' names. */
  async askForNames(): Promise<boolean> {
    try {
      const stream = await media()!.getUserMedia({ audio: true });
      for (const track of stream.getTracks()) track.stop();
      await this.refresh();
      return true;
    } catch {
      return false;
    }
  }

  chooseInput(id: string): void {
    remember(INPUT_KEY, id);
    this.store.update((s) => ({ ...s, inputId: id }));
  }

  chooseOutput(id: string): void {
    remember(OUTPUT_KEY, id);
    this.store.update((s) => ({ ...s, outputId: id }));
  }

  /** A microphone stream for a call: the chosen device, or the default one if that is gone. */
  async openMicrophone(): Promise<MediaStream> {
    const id = this.store.get().inputId;
    const md = media();
    if (!md) throw new Error('no media devices');
    if (id) {
      try {
        return await md.getUserMedia({ audio: { deviceId: { exact: id } }, video: false });
      } catch {
        // Unplugged since it was chosen: the default microphone rather than no answer at all.
      }
    }
    return md.getUserMedia({ audio: true, video: false });
  }
}
