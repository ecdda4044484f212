// Logger settings: JSON logs in English, with secrets and anything about a person redacted.
// Requests are logged by method and path only: no IP address, no query string, no headers.
import type { LoggerOptions } from 'pino';

export const REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.currentPassword',
  '*.temporaryPassword',
  '*.token',
  '*.phone',
  '*.callerNumber',
  '*.caller',
  '*.callerKey',
  '*.text',
  '*.summary',
  '*.note',
];

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    } as LoggerOptions['serializers'],
  };
}
