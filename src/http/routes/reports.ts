// The statistics report of contacts (a service, a region, the network) as JSON, and its XLSX export
// started in the background, followed by its progress and downloaded by the user who started it.
import { z } from 'zod';
import { idInput } from '../../domain/ids.js';
import { ExportJobs } from '../../domain/records/exportJobs.js';
import { contactReport } from '../../domain/records/report.js';
import { planReport } from '../../domain/records/reportData.js';
import { exportContactReport } from '../../domain/records/reportExport.js';
import { contactReportSchema, reportParamsSchema } from '../../domain/records/reportSchemas.js';
import { withErrors } from '../errorBody.js';
import { actorOf } from '../sessionHooks.js';
import type { App, AppDeps } from '../types.js';

const tags = ['reports'];
const exportParams = z.object({ exportId: idInput() }).strict();
const exportViewSchema = z.object({ id: z.string(), status: z.enum(['running', 'done', 'failed']), progress: z.number() });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function reportRoutes(app: App, deps: AppDeps): void {
  const exports = new ExportJobs(deps.clock, (err) => app.log.error({ err }, 'report export failed'));
  app.addHook('onClose', () => exports.close());
  app.decorate('reportExports', exports);

  app.get(
    '/api/reports/contacts',
    { schema: { tags, querystring: reportParamsSchema, response: withErrors({ 200: contactReportSchema }) } },
    async (request) => contactReport(deps.db, actorOf(request), request.query),
  );

  app.post(
    '/api/reports/contacts/exports',
    {
      schema: {
        tags,
        description:
          'Starts an XLSX export of the report. Exports are kept in the server’s memory for 15 minutes (at most 100, then the oldest is dropped; lost on restart) and are visible only to the user who started them.',
        body: reportParamsSchema,
        response: withErrors({ 202: exportViewSchema }),
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      // Checked before answering: a refused or invalid export never becomes a job.
      const plan = await planReport(deps.db, actor, request.body);
      return reply.code(202).send(exports.start(actor.userId, (progress) => exportContactReport(deps.db, plan, progress)));
    },
  );

  app.get(
    '/api/reports/exports/:exportId',
    { schema: { tags, params: exportParams, response: withErrors({ 200: exportViewSchema }) } },
    async (request) => exports.get(actorOf(request).userId, request.params.exportId),
  );

  app.get(
    '/api/reports/exports/:exportId/file',
    { schema: { tags, params: exportParams, response: withErrors({ 200: z.any().describe('the .xlsx workbook') }) } },
    async (request, reply) => {
      const file = exports.file(actorOf(request).userId, request.params.exportId);
      return reply.header('content-type', XLSX).header('content-disposition', attachment(file.name, file.asciiName)).send(file.data);
    },
  );
}

/** RFC 6266 with an RFC 5987 UTF-8 name, and a plain ASCII fallback for old clients. */
export function attachment(name: string, asciiName: string): string {
  const ascii = asciiName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
