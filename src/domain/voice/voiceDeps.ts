// What the phone line's domain code needs: the database, the routing engine's writer, the pepper
// (call ids and caller keys are only kept hashed), the clock, the numbers and the settings.
import type { Database } from '../../db/database.js';
import type { RoutingRuntime } from '../routing/live/routingRuntime.js';
import type { VoiceNumbers } from './voiceNumbers.js';

export interface VoiceSettings {
  /** The queue's media endpoint that plays the greeting as early media (a SIP URI), or null. */
  greetingUri: string | null;
  /** The endpoint that plays hold audio after the greeting (defaults to the greeting's). */
  holdUri: string | null;
  /** How long the greeting plays before the call is marked "after greeting" and asked about again. */
  greetingSeconds: number;
  /** How often a held call is asked about again (the engine may have a counsellor for it by then). */
  holdSeconds: number;
}

export interface VoiceDeps {
  db: Database;
  routing: RoutingRuntime;
  pepper: Buffer;
  clock: () => Date;
  numbers: VoiceNumbers;
  settings: VoiceSettings;
}
