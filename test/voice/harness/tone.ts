// Test audio: sine tones made with sox (an 8 kHz mono 16-bit WAV and its raw A-law twin for SIPp's
// rtp_stream), and measurement of what an endpoint recorded: the dominant frequency (Goertzel scan over
// blocks, median of the blocks) and the RMS, both over the part that is not silent.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileP = promisify(execFile);

export interface Tone {
  wav: string;
  alaw: string;
  frequency: number;
  seconds: number;
}

/** Writes `<dir>/<name>.wav` (8 kHz mono s16) and `<dir>/<name>.alaw` with a sine of `frequency` Hz. */
export async function makeTone(dir: string, name: string, frequency: number, seconds: number, amplitude = 0.5): Promise<Tone> {
  const wav = join(dir, `${name}.wav`);
  const alaw = join(dir, `${name}.alaw`);
  await execFileP('sox', [
    '-n',
    '-r',
    '8000',
    '-c',
    '1',
    '-b',
    '16',
    '-e',
    'signed-integer',
    wav,
    'synth',
    String(seconds),
    'sine',
    String(frequency),
    'vol',
    String(amplitude),
  ]);
  await execFileP('sox', [wav, '-t', 'al', alaw]);
  return { wav, alaw, frequency, seconds };
}

export interface Pcm {
  sampleRate: number;
  /** Channel 0, scaled to -1..1. */
  samples: Float64Array;
}

/** Reads a RIFF WAV (PCM 8/16/24/32-bit or IEEE float 32/64); takes the first channel. */
export async function readWav(file: string): Promise<Pcm> {
  const buf = await readFile(file);
  if (buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') throw new Error(`${file}: not a WAV file`);
  let pos = 12;
  let format = 0;
  let channels = 1;
  let sampleRate = 0;
  let bits = 0;
  while (pos + 8 <= buf.length) {
    const id = buf.toString('ascii', pos, pos + 4);
    let size = buf.readUInt32LE(pos + 4);
    const body = pos + 8;
    if (id === 'fmt ') {
      format = buf.readUInt16LE(body);
      channels = buf.readUInt16LE(body + 2);
      sampleRate = buf.readUInt32LE(body + 4);
      bits = buf.readUInt16LE(body + 14);
      if (format === 0xfffe) format = buf.readUInt16LE(body + 24); // WAVE_FORMAT_EXTENSIBLE: sub-format
    } else if (id === 'data') {
      // A writer killed mid-call may leave the size at 0 or too large: take what is there.
      if (size === 0 || body + size > buf.length) size = buf.length - body;
      return { sampleRate, samples: decode(buf.subarray(body, body + size), format, channels, bits, file) };
    }
    pos = body + size + (size % 2);
  }
  throw new Error(`${file}: no data chunk`);
}

function decode(data: Buffer, format: number, channels: number, bits: number, file: string): Float64Array {
  const bytes = bits / 8;
  const frame = bytes * channels;
  const n = Math.floor(data.length / frame);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const o = i * frame;
    if (format === 1 && bits === 16) out[i] = data.readInt16LE(o) / 32768;
    else if (format === 1 && bits === 8) out[i] = (data.readUInt8(o) - 128) / 128;
    else if (format === 1 && bits === 24) out[i] = data.readIntLE(o, 3) / 8388608;
    else if (format === 1 && bits === 32) out[i] = data.readInt32LE(o) / 2147483648;
    else if (format === 3 && bits === 32) out[i] = data.readFloatLE(o);
    else if (format === 3 && bits === 64) out[i] = data.readDoubleLE(o);
    else throw new Error(`${file}: unsupported WAV format ${format}/${bits} bits`);
  }
  return out;
}

export interface AudioAnalysis {
  sampleRate: number;
  /** Whole file, and the part between the first and last non-silent 20 ms frame. */
  seconds: number;
  activeSeconds: number;
  /** Dominant frequency in Hz over the active part (0 when all silent). */
  frequency: number;
  /** RMS of the active part, 0..1 of full scale. */
  rms: number;
}

const SILENCE = 0.003; // about -50 dBFS

/** Start and end sample of the non-silent part (20 ms frames above the silence threshold). */
function activeRange(samples: Float64Array, sampleRate: number): [number, number] {
  const frame = Math.max(1, Math.round(sampleRate / 50));
  let first = -1;
  let last = -1;
  for (let start = 0; start < samples.length; start += frame) {
    const end = Math.min(samples.length, start + frame);
    let sum = 0;
    for (let i = start; i < end; i++) sum += (samples[i] as number) ** 2;
    if (Math.sqrt(sum / (end - start)) > SILENCE) {
      if (first < 0) first = start;
      last = end;
    }
  }
  return first < 0 ? [0, 0] : [first, last];
}

/** Goertzel power of `f` Hz over samples[start, start + window.length), windowed. */
function goertzel(samples: Float64Array, start: number, window: Float64Array, f: number, sampleRate: number): number {
  const coeff = 2 * Math.cos((2 * Math.PI * f) / sampleRate);
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < window.length; i++) {
    const s0 = (samples[start + i] as number) * (window[i] as number) + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  return s1 * s1 + s2 * s2 - coeff * s1 * s2;
}

function hann(len: number): Float64Array {
  const w = new Float64Array(len);
  for (let i = 0; i < len; i++) w[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (len - 1));
  return w;
}

function peakFrequency(samples: Float64Array, start: number, window: Float64Array, sampleRate: number): number {
  const scan = (from: number, to: number, step: number) => {
    let best = from;
    let bestPower = -1;
    for (let f = from; f <= to; f += step) {
      const p = goertzel(samples, start, window, f, sampleRate);
      if (p > bestPower) {
        bestPower = p;
        best = f;
      }
    }
    return best;
  };
  const coarse = scan(50, sampleRate / 2 - 50, 10);
  return scan(Math.max(20, coarse - 10), coarse + 10, 0.5);
}

/** Frequency and level of a recording, ignoring silent lead-in and tail. */
export function analysePcm(pcm: Pcm): AudioAnalysis {
  const { samples, sampleRate } = pcm;
  const [from, to] = activeRange(samples, sampleRate);
  const seconds = samples.length / sampleRate;
  const activeSeconds = (to - from) / sampleRate;
  if (to - from < sampleRate / 50) return { sampleRate, seconds, activeSeconds, frequency: 0, rms: 0 };
  let sum = 0;
  for (let i = from; i < to; i++) sum += (samples[i] as number) ** 2;
  const rms = Math.sqrt(sum / (to - from));
  // Blocks of ~0.25 s; the median of their peaks ignores blocks spoilt by a gap or a click.
  const block = Math.min(to - from, Math.round(sampleRate / 4));
  const window = hann(block);
  const peaks: number[] = [];
  for (let start = from; start + block <= to; start += block) peaks.push(peakFrequency(samples, start, window, sampleRate));
  peaks.sort((a, b) => a - b);
  const frequency = peaks[Math.floor(peaks.length / 2)] ?? 0;
  return { sampleRate, seconds, activeSeconds, frequency, rms };
}

export async function analyseWav(file: string): Promise<AudioAnalysis> {
  return analysePcm(await readWav(file));
}

/** Dominant frequency (Hz) of a WAV file's non-silent part. */
export async function measureFrequency(file: string): Promise<number> {
  return (await analyseWav(file)).frequency;
}

/** RMS (0..1 of full scale) of a WAV file's non-silent part. */
export async function rms(file: string): Promise<number> {
  return (await analyseWav(file)).rms;
}
