// A signal's formal letter as a PDF (a preview while drafted), and which channels send by themselves
// in this deployment (e-mail only when an SMTP server is configured), so the SPA can say what a send
// will do.
import { z } from 'zod';
import { idInput } from '../../domain/ids.js';
import { renderLetterPdf } from '../../domain/signals/letterPdf.js';
import { letterFileName } from '../../domain/signals/letterText.js';
import { readLetter } from '../../domain/signals/signalReads.js';
import type { SignalDeps } from '../../domain/signals/signalStore.js';
import { withErrors } from '../errorBody.js';
import { actorOf } from '../sessionHooks.js';
import type { App } from '../types.js';
import { attachment } from './reports.js';

const tags = ['signals'];

export const signalChannelsSchema = z.object({
  /** E-mail goes out by itself through the configured SMTP server; false: it is sent by a person and recorded by hand. */
  emailConfigured: z.boolean(),
});

export function signalLetterRoutes(app: App, deps: SignalDeps): void {
  app.get(
    '/api/signals/channels',
    { schema: { tags, description: 'Which channels send by themselves here.', response: withErrors({ 200: signalChannelsSchema }) } },
    async () => ({ emailConfigured: deps.senders.email !== undefined }),
  );

  app.get(
    '/api/signals/:signalId/letter.pdf',
    {
      schema: {
        tags,
        description: 'The formal letter as a PDF (a preview marked ПРОЕКТ while drafted). Audited as a read of the letter.',
        params: z.object({ signalId: idInput() }).strict(),
        response: withErrors({ 200: z.any().describe('the letter, application/pdf') }),
      },
    },
    async (request, reply) => {
      const letter = await readLetter(deps, actorOf(request), request.params.signalId);
      const pdf = await renderLetterPdf(letter, deps.clock());
      const name = letterFileName(letter);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', attachment(name, `signal-${letter.number?.replace('/', '-') ?? 'draft'}.pdf`))
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );
}
