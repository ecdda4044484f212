// Web addresses with Cyrillic in them (сайт.рф) are common in Russia; the standard's schemas take
// only RFC 3986 URIs. Import and the entry form write them the way browsers send them (punycode
// host, percent-encoded path) so that every HSDS response still validates; ASCII addresses stay as given.
import addFormats from 'ajv-formats';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { entryInputSchema } from '../../src/domain/directory/entrySchemas.js';
import { hsdsTable } from '../../src/domain/directory/hsdsCatalogue.js';
import { asciiUri, convertValue } from '../../src/domain/directory/hsdsValues.js';

const ajv = new Ajv();
addFormats.default(ajv);
const isUri = ajv.compile({ type: 'string', format: 'uri' });

describe('HSDS web addresses', () => {
  it('writes Cyrillic addresses as RFC 3986 URIs and keeps ASCII ones as they are', () => {
    expect(asciiUri('http://example.com')).toBe('http://example.com');
    expect(asciiUri('https://сайт.рф/помощь')).toBe('https://xn--80aswg.xn--p1ai/%D0%BF%D0%BE%D0%BC%D0%BE%D1%89%D1%8C');
    expect(isUri(asciiUri('https://сайт.рф/помощь'))).toBe(true);
    expect(isUri('https://сайт.рф/помощь')).toBe(false);
    expect(asciiUri('не адрес')).toBeNull();
    expect(asciiUri('http://a b.com')).toBeNull();
  });

  it('converts them on import and in the entry form', () => {
    const url = hsdsTable('service').fields.find((f) => f.name === 'url')!;
    expect(convertValue(url, 'https://центр-маяк.рф')).toEqual({ ok: true, value: 'https://xn----8sbnwievp7a5g.xn--p1ai/' });
    expect(convertValue(url, 'адрес сайта')).toMatchObject({ ok: false, code: 'invalid_uri' });
    const input = entryInputSchema.parse({ name: 'Центр', url: 'https://центр-маяк.рф' });
    expect(isUri(input.url)).toBe(true);
  });
});
