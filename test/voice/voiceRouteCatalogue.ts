// The phone line's routes in the route catalogue (test/helpers/routeCatalogue.ts): the staff's, and the
// SIP edge's requests (its own bearer token), with the body schemas the routes validate.
import { numbersBody } from '../../src/http/routes/voice.js';
import { eventBody, routeBody } from '../../src/http/routes/voiceEdge.js';
import { deskAuthBody } from '../../src/http/routes/voiceDeskPhones.js';
import type { RouteEntry } from '../helpers/routeCatalogue.js';

export const VOICE_ROUTES: readonly RouteEntry[] = [
  { method: 'GET', url: '/api/voice/status', access: 'staff' },
  { method: 'POST', url: '/api/voice/credentials', access: 'staff' },
  { method: 'GET', url: '/api/voice/calls/:callId', access: 'staff', params: ['callId'] },
  { method: 'POST', url: '/api/voice/calls/:callId/end', access: 'staff', params: ['callId'] },
  { method: 'GET', url: '/api/services/:serviceId/voice-numbers', access: 'staff', params: ['serviceId'] },
  { method: 'PUT', url: '/api/services/:serviceId/voice-numbers', access: 'staff', params: ['serviceId'], body: numbersBody },
  { method: 'POST', url: '/api/voice/route', access: 'edge', body: routeBody },
  { method: 'POST', url: '/api/voice/events', access: 'edge', body: eventBody },
  { method: 'GET', url: '/api/voice/desk-phones/:staffId', access: 'staff', params: ['staffId'] },
  { method: 'POST', url: '/api/voice/desk-phones/:staffId', access: 'staff', params: ['staffId'] },
  { method: 'DELETE', url: '/api/voice/desk-phones/:staffId', access: 'staff', params: ['staffId'] },
  { method: 'POST', url: '/api/voice/desk-auth', access: 'edge', body: deskAuthBody },
];
