// The directory's HSDS import and export routes in the route catalogue (test/helpers/routeCatalogue.ts).
// The import reads a raw body (HSDS JSON, or a zip as application/zip) up to 50 MB, not the app's 1 MiB.
import { exportBodySchema, importBodySchema, importQuerySchema, MAX_IMPORT_BYTES } from '../../src/http/routes/directoryTransfer.js';
import type { RouteEntry } from '../helpers/routeCatalogue.js';

export const DIRECTORY_TRANSFER_ROUTES: readonly RouteEntry[] = [
  {
    method: 'POST',
    url: '/api/services/:serviceId/directory/imports',
    access: 'staff',
    params: ['serviceId'],
    query: importQuerySchema,
    body: importBodySchema,
    bodyLimit: MAX_IMPORT_BYTES,
  },
  { method: 'GET', url: '/api/directory/imports/:jobId', access: 'staff', params: ['jobId'] },
  { method: 'POST', url: '/api/services/:serviceId/directory/exports', access: 'staff', params: ['serviceId'], body: exportBodySchema },
  { method: 'GET', url: '/api/directory/exports/:jobId', access: 'staff', params: ['jobId'] },
  { method: 'GET', url: '/api/directory/exports/:jobId/file', access: 'staff', params: ['jobId'] },
];
