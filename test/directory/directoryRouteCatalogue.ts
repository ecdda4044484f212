// The directory's staff routes in the route catalogue (test/helpers/routeCatalogue.ts): search and
// cards, terms and regions, editing entries and terms, with the schemas the routes validate.
import { entryInputSchema, entryUpdateSchema, newTermSchema, termPatchSchema } from '../../src/domain/directory/entrySchemas.js';
import { directorySearchSchema } from '../../src/domain/directory/search.js';
import type { RouteEntry } from '../helpers/routeCatalogue.js';

export const DIRECTORY_ROUTES: readonly RouteEntry[] = [
  { method: 'GET', url: '/api/directory/services', access: 'staff', query: directorySearchSchema },
  { method: 'GET', url: '/api/directory/services/:entryId', access: 'staff', params: ['entryId'] },
  { method: 'GET', url: '/api/directory/terms', access: 'staff' },
  { method: 'GET', url: '/api/directory/regions', access: 'staff' },
  { method: 'POST', url: '/api/services/:serviceId/directory/entries', access: 'staff', params: ['serviceId'], body: entryInputSchema },
  { method: 'GET', url: '/api/directory/entries/:entryId', access: 'staff', params: ['entryId'] },
  { method: 'PUT', url: '/api/directory/entries/:entryId', access: 'staff', params: ['entryId'], body: entryUpdateSchema },
  { method: 'DELETE', url: '/api/directory/entries/:entryId', access: 'staff', params: ['entryId'] },
  { method: 'POST', url: '/api/directory/entries/:entryId/verify', access: 'staff', params: ['entryId'] },
  { method: 'POST', url: '/api/services/:serviceId/directory/terms', access: 'staff', params: ['serviceId'], body: newTermSchema },
  { method: 'PUT', url: '/api/directory/terms/:termId', access: 'staff', params: ['termId'], body: termPatchSchema },
  { method: 'DELETE', url: '/api/directory/terms/:termId', access: 'staff', params: ['termId'] },
];
