// Staff passwords: argon2id hashes (OWASP parameters) and the password policy.
import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

const ARGON2 = { algorithm: 2 /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password.normalize('NFC'), ARGON2);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password.normalize('NFC'));
  } catch {
    return false;
  }
}

/** Verifying against this when the login is unknown keeps the response time the same for both cases. */
let dummyHash: Promise<string> | undefined;
export const dummyPasswordHash = (): Promise<string> => (dummyHash ??= hashPassword('dummy-password-for-timing'));

export type PasswordProblem = 'too_short' | 'too_long' | 'contains_login' | 'too_common' | 'too_few_kinds';

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

// The most common passwords of 12+ characters in public breach lists, plus obvious local ones.
const COMMON = new Set([
  '123456789012',
  '1234567890qw',
  'qwertyuiop12',
  'qwerty123456',
  '123qweasdzxc',
  'password1234',
  'password123!',
  'passwordpassword',
  'qwertyqwerty',
  '1q2w3e4r5t6y',
  'zaq12wsxcde3',
  'iloveyou1234',
  'administrator',
  'administrator1',
  'пароль123456',
  'парольпароль',
  'йцукенгшщзхъ',
  '1qaz2wsx3edc',
  'qazwsxedcrfv',
  'asdfghjkl123',
  'doverie12345',
  'doverie123456',
  'helpline1234',
  'changeme1234',
]);

export function passwordProblems(password: string, login?: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const p = password.normalize('NFC');
  const length = [...p].length;
  if (length < PASSWORD_MIN) problems.push('too_short');
  if (length > PASSWORD_MAX) problems.push('too_long');
  const lower = p.toLowerCase();
  if (login && login.length >= 4 && lower.includes(login.toLowerCase())) problems.push('contains_login');
  if (COMMON.has(lower) || /^(.)\1+$/u.test(p)) problems.push('too_common');
  const kinds = [/\p{L}/u, /\p{N}/u, /[^\p{L}\p{N}]/u].filter((re) => re.test(p)).length;
  if (kinds < 2) problems.push('too_few_kinds');
  return problems;
}

const WORDS = 'abcdefghjkmnpqrstuvwxyz';
const DIGITS = '23456789';

/** A generated password that satisfies the policy and is easy to read out: xxxx-xxxx-xxxx-99. */
export function generatePassword(): string {
  const group = () => Array.from({ length: 4 }, () => WORDS[randomInt(WORDS.length)]).join('');
  const digits = () => Array.from({ length: 2 }, () => DIGITS[randomInt(DIGITS.length)]).join('');
  return `${group()}-${group()}-${group()}-${digits()}`;
}
