// Maps every failure to the error table: a stable code, its status and a localised message.
// Nothing unexpected leaks: an unknown error is logged and answered as `internal`.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isTransient } from '../db/pgErrors.js';
import { AppError, ERRORS, type ErrorCode } from '../errors.js';
import { errorMessage, pickLocale } from '../i18n/messages.js';
import type { ErrorBody } from './errorBody.js';

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'request.unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'request.malformed',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'request.malformed',
  FST_ERR_CTP_INVALID_JSON_BODY: 'request.malformed',
  FST_ERR_CTP_BODY_TOO_LARGE: 'request.too_large',
  FST_ERR_CTP_INVALID_TYPE: 'request.malformed',
  FST_ERR_VALIDATION: 'request.invalid',
  FST_ERR_BAD_URL: 'request.malformed',
  FST_ERR_ASYNC_CONSTRAINT: 'request.malformed',
};

export function sendError(request: FastifyRequest, reply: FastifyReply, code: ErrorCode, details?: Record<string, unknown>) {
  const body: ErrorBody = { code, message: errorMessage(code, pickLocale(request.headers['accept-language']), details) };
  if (details) body.details = details;
  const retry = details?.seconds ?? details?.retryAfterSeconds;
  if (typeof retry === 'number') void reply.header('retry-after', String(retry));
  return reply.code(ERRORS[code].status).send(body);
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof AppError) return sendError(request, reply, err.code, err.details);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({ path: v.instancePath || '/', message: v.message ?? 'invalid' }));
      return sendError(request, reply, 'request.invalid', { issues: issues.slice(0, 20) });
    }
    const mapped = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (mapped) return sendError(request, reply, mapped);
    if (err instanceof SyntaxError || (err.statusCode === 400 && !err.code)) return sendError(request, reply, 'request.malformed');
    if (err.statusCode === 413) return sendError(request, reply, 'request.too_large');
    if (err.statusCode === 415) return sendError(request, reply, 'request.unsupported_media_type');
    if (isTransient(err)) {
      request.log.warn({ code: (err as { code?: string }).code }, 'transaction aborted by the database; client may retry');
      return sendError(request, reply, 'service.unavailable');
    }
    request.log.error({ err }, 'unhandled error');
    return sendError(request, reply, 'internal');
  });
}
