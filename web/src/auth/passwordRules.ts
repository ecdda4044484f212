// The password policy as far as the browser can check it (the server also rejects common
// passwords and has the final word). Mirrors src/domain/auth/passwords.ts.
import type { MessageKey } from '../i18n/ru';

export const PASSWORD_MIN = 12;

export function passwordProblem(password: string, login: string): MessageKey | null {
  const p = password.normalize('NFC');
  if ([...p].length < PASSWORD_MIN) return 'password.tooShort';
  const kinds = [/\p{L}/u, /\p{N}/u, /[^\p{L}\p{N}]/u].filter((re) => re.test(p)).length;
  if (kinds < 2) return 'password.fewKinds';
  if (login.length >= 4 && p.toLowerCase().includes(login.toLowerCase())) return 'password.containsLogin';
  return null;
}
