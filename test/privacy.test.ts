import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { callerKey, normalisePhone } from '../src/domain/privacy/callerKey.js';
import { open, seal, SealedTextError } from '../src/domain/privacy/sealedText.js';

describe('caller key', () => {
  it('normalises Russian numbers written in any common way to E.164', () => {
    for (const raw of ['8 (912) 345-67-89', '+7 912 345 67 89', '79123456789', '9123456789', '8-912-345-67-89']) {
      expect(normalisePhone(raw)).toBe('+79123456789');
    }
    expect(normalisePhone('+44 20 7946 0958')).toBe('+442079460958');
    expect(normalisePhone('anonymous')).toBeUndefined();
  });

  it('links the same caller however the number was written, differs per pepper, and never contains the number', () => {
    const pepper = randomBytes(32);
    const a = callerKey(pepper, 'phone', '8 (912) 345-67-89');
    expect(callerKey(pepper, 'phone', '+79123456789')).toBe(a);
    expect(callerKey(randomBytes(32), 'phone', '+79123456789')).not.toBe(a);
    expect(callerKey(pepper, 'telegram', '+79123456789')).not.toBe(a);
    expect(a).not.toMatch(/912|345/);
    expect(a).toMatch(/^[\w-]{43}$/);
  });
});

describe('sealed text', () => {
  const key = randomBytes(32);

  it('round-trips Russian text and never repeats a ciphertext', () => {
    const text = 'Девочка 14 лет, конфликт с родителями; обсудили план безопасности.';
    const a = seal(key, text, 'record:1');
    const b = seal(key, text, 'record:1');
    expect(a).not.toBe(b);
    expect(a.startsWith('v1.')).toBe(true);
    expect(a).not.toContain('Девочка');
    expect(open(key, a, 'record:1')).toBe(text);
  });

  it('refuses another key, another context, a tampered value and garbage', () => {
    const sealed = seal(key, 'тайна', 'record:1');
    expect(() => open(randomBytes(32), sealed, 'record:1')).toThrow(SealedTextError);
    expect(() => open(key, sealed, 'record:2')).toThrow(SealedTextError);
    const bytes = Buffer.from(sealed.slice(3), 'base64url');
    bytes[14]! ^= 1;
    expect(() => open(key, `v1.${bytes.toString('base64url')}`, 'record:1')).toThrow(SealedTextError);
    expect(() => open(key, 'v2.abc', '')).toThrow(SealedTextError);
    expect(() => open(key, 'v1.', '')).toThrow(SealedTextError);
  });
});
