// HSDS import into a helpline service's directory and export out of it, both run as background jobs
// followed by their progress. An import takes the file as the raw request body: HSDS JSON
// (application/json) or the CSV data package (application/zip), up to 50 MB; a bigger one is 413
// directory.file_too_large. Only the user who started a job sees it (another helpline's: 404).
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../domain/auth/policy.js';
import { enforce, policy } from '../../domain/auth/policy.js';
import { exportDirectory } from '../../domain/directory/directoryExport.js';
import { importDirectory } from '../../domain/directory/directoryImport.js';
import { looksLikeZip, rowsFromCsvPackage } from '../../domain/directory/hsdsCsvPackage.js';
import { jsonFormOf, rowsFromJson } from '../../domain/directory/hsdsJsonRows.js';
import { ISSUE_CODES } from '../../domain/directory/importIssues.js';
import type { ParsedImport } from '../../domain/directory/importRows.js';
import { DirectoryJobs } from '../../domain/directory/transferJobs.js';
import { idInput } from '../../domain/ids.js';
import { AppError } from '../../errors.js';
import { pickLocale } from '../../i18n/messages.js';
import { unitDeps } from '../deps.js';
import { withErrors } from '../errorBody.js';
import { sendError } from '../errorHandler.js';
import { actorOf } from '../sessionHooks.js';
import type { App, AppDeps } from '../types.js';
import { attachment } from './reports.js';

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;
const ZIP_TYPES = new Set(['application/zip', 'application/x-zip-compressed']);

const tags = ['directory'];
const serviceParams = z.object({ serviceId: idInput() }).strict();
const jobParams = z.object({ jobId: idInput() }).strict();
const format = z.enum(['json', 'csv']);
export const importQuerySchema = z
  .object({
    format: format.optional(),
    skipBadRows: z
      .enum(['true', 'false'])
      .optional()
      .transform((v) => v === 'true'),
  })
  .strict();
export const importBodySchema = z
  .unknown()
  .describe(
    'HSDS 3.0 JSON (the tabular form, compiled objects, list pages or an array of these) as application/json, or the CSV data package as application/zip.',
  );
export const exportBodySchema = z.object({ format }).strict();
const jobStarted = z.object({ jobId: z.string() });
const status = z.enum(['running', 'done', 'failed']);
const issueSchema = z.object({
  file: z.string().nullable(),
  line: z
    .union([z.number().int(), z.string()])
    .nullable()
    .describe('CSV: the line the record starts on (header = 1); JSON: the JSONPath of the row'),
  field: z.string().nullable(),
  code: z.enum(ISSUE_CODES),
  message: z.string(),
});
const importView = z.object({
  status,
  total: z.number().int(),
  done: z.number().int(),
  errors: z.array(issueSchema),
  errorCount: z.number().int(),
  imported: z.record(z.string(), z.number().int()),
});
const exportView = z.object({ status, total: z.number().int(), done: z.number().int() });

const mediaType = (request: FastifyRequest) => (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();

export function directoryTransferRoutes(app: App, deps: AppDeps): void {
  const jobs = new DirectoryJobs(deps.clock, (err) => app.log.error({ err }, 'directory import or export failed'));
  app.addHook('onClose', () => jobs.close());
  app.decorate('directoryJobs', jobs);

  const existing = async (tenantId: string) => {
    const row = await deps.db.selectFrom('services').select('id').where('id', '=', tenantId).executeTakeFirst();
    if (!row) throw new AppError('service.not_found');
  };
  const mayEdit = (actor: Actor) => (tenantId: string) => policy.editDirectory(actor, tenantId) === 'allow';
  const mayExport = (actor: Actor) => (tenantId: string) => policy.exportDirectory(actor, tenantId) === 'allow';

  // The import route reads raw bodies (a zip) and large ones: its own parser, limit and error, in a scope of its own.
  void app.register(async (scope: App) => {
    scope.addContentTypeParser([...ZIP_TYPES], { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    scope.setErrorHandler((err, request, reply) => {
      if ((err as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE')
        return sendError(request, reply, 'directory.file_too_large', { maxMegabytes: MAX_IMPORT_BYTES / 1024 / 1024 });
      throw err;
    });
    scope.post(
      '/api/services/:serviceId/directory/imports',
      {
        bodyLimit: MAX_IMPORT_BYTES,
        schema: {
          tags,
          description:
            'Starts an HSDS import into the service’s directory (its head or the admin). Rows are upserted by id in one transaction: any error saves nothing unless skipBadRows=true (then the good rows are saved and the bad ones listed). Errors name the CSV file and line (the header is line 1) or, for JSON, the row’s JSONPath.',
          params: serviceParams,
          querystring: importQuerySchema,
          body: importBodySchema,
          response: withErrors({ 202: jobStarted }),
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const tenantId = request.params.serviceId;
        enforce(policy.editDirectory(actor, tenantId), 'service.not_found');
        await existing(tenantId);
        const zip = ZIP_TYPES.has(mediaType(request));
        const form = request.query.format ?? (zip ? 'csv' : 'json');
        if ((form === 'csv') !== zip) throw new AppError('request.unsupported_media_type');
        const locale = pickLocale(request.headers['accept-language']);
        let parse: () => ParsedImport;
        if (zip) {
          const body = request.body;
          if (!Buffer.isBuffer(body) || !looksLikeZip(body)) throw new AppError('directory.import_unrecognised', { reason: 'not_a_zip' });
          parse = () => rowsFromCsvPackage(body, locale);
        } else {
          const doc = request.body;
          if (jsonFormOf(doc) === null) throw new AppError('directory.import_unrecognised', { reason: 'not_hsds_json' });
          parse = () => rowsFromJson(doc, locale);
        }
        const req = { tenantId, actorId: actor.userId, format: form, skipBadRows: request.query.skipBadRows };
        const jobId = jobs.startImport({ userId: actor.userId, tenantId, locale }, (progress) =>
          importDirectory(unitDeps(deps), req, parse(), progress),
        );
        return reply.code(202).send({ jobId });
      },
    );
  });

  app.get(
    '/api/directory/imports/:jobId',
    { schema: { tags, params: jobParams, response: withErrors({ 200: importView }) } },
    async (request) => {
      const actor = actorOf(request);
      return jobs.importView(actor.userId, request.params.jobId, mayEdit(actor));
    },
  );

  app.post(
    '/api/services/:serviceId/directory/exports',
    {
      schema: {
        tags,
        description:
          'Starts an export of the service’s own directory rows: the HSDS tabular JSON, or the CSV data package (a zip with datapackage.json and one CSV per table). Kept in memory for 15 minutes after it finishes, for the user who started it.',
        params: serviceParams,
        body: exportBodySchema,
        response: withErrors({ 202: jobStarted }),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const tenantId = request.params.serviceId;
      enforce(policy.exportDirectory(actor, tenantId), 'service.not_found');
      await existing(tenantId);
      const locale = pickLocale(request.headers['accept-language']);
      const jobId = jobs.startExport({ userId: actor.userId, tenantId, locale }, (progress) =>
        exportDirectory(deps.db, tenantId, request.body.format, deps.clock(), progress),
      );
      return reply.code(202).send({ jobId });
    },
  );

  app.get(
    '/api/directory/exports/:jobId',
    { schema: { tags, params: jobParams, response: withErrors({ 200: exportView }) } },
    async (request) => {
      const actor = actorOf(request);
      return jobs.exportView(actor.userId, request.params.jobId, mayExport(actor));
    },
  );

  app.get(
    '/api/directory/exports/:jobId/file',
    { schema: { tags, params: jobParams, response: withErrors({ 200: z.any().describe('the HSDS JSON or the zip data package') }) } },
    async (request, reply) => {
      const actor = actorOf(request);
      const file = jobs.exportFile(actor.userId, request.params.jobId, mayExport(actor));
      return reply.header('content-type', file.contentType).header('content-disposition', attachment(file.name, file.name)).send(file.data);
    },
  );
}
