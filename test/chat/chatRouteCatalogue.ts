// The web chat's routes in the route catalogue (test/helpers/routeCatalogue.ts): the child's public
// routes (no session; the chat's resume token where it matters) and the staff routes.
import { z } from 'zod';
import { cannedPatchSchema, newCannedSchema } from '../../src/domain/chat/cannedResponses.js';
import { feedbackSchema, startChatSchema } from '../../src/domain/chat/chatPublicSchemas.js';
import { blockInputSchema } from '../../src/domain/chat/chatBlocks.js';
import type { RouteEntry } from '../helpers/routeCatalogue.js';

// Restated from src/http/routes/chats.ts (declared inline there).
export const staffMessageSchema = z.object({ clientId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/), text: z.string().max(100_000) }).strict();
export const readMarkSchema = z.object({ seq: z.number().int().min(0).max(2_147_483_647) }).strict();
export const chatEndSchema = z.object({ commandId: z.uuid() }).strict();
export const chatReadQuerySchema = z.object({ after: z.coerce.number().int().min(0).max(2_147_483_647).optional() }).strict();

export const CHAT_ROUTES: readonly RouteEntry[] = [
  // The child's page (public).
  { method: 'GET', url: '/api/chat/services', access: 'public' },
  { method: 'POST', url: '/api/chat/chats', access: 'public', body: startChatSchema },
  { method: 'POST', url: '/api/chat/chats/:chatId/feedback', access: 'public', params: ['chatId'], body: feedbackSchema },
  { method: 'GET', url: '/api/chat/ws', access: 'public', websocket: true },
  // Staff.
  { method: 'GET', url: '/api/chats/:chatId', access: 'staff', params: ['chatId'], query: chatReadQuerySchema },
  { method: 'POST', url: '/api/chats/:chatId/messages', access: 'staff', params: ['chatId'], body: staffMessageSchema },
  { method: 'POST', url: '/api/chats/:chatId/typing', access: 'staff', params: ['chatId'] },
  { method: 'POST', url: '/api/chats/:chatId/read', access: 'staff', params: ['chatId'], body: readMarkSchema },
  { method: 'POST', url: '/api/chats/:chatId/end', access: 'staff', params: ['chatId'], body: chatEndSchema },
  { method: 'POST', url: '/api/chats/:chatId/block', access: 'staff', params: ['chatId'], body: blockInputSchema },
  { method: 'GET', url: '/api/services/:serviceId/chat-blocks', access: 'staff', params: ['serviceId'] },
  { method: 'POST', url: '/api/chat-blocks/:blockId/lift', access: 'staff', params: ['blockId'] },
  { method: 'GET', url: '/api/services/:serviceId/canned-responses', access: 'staff', params: ['serviceId'] },
  { method: 'POST', url: '/api/services/:serviceId/canned-responses', access: 'staff', params: ['serviceId'], body: newCannedSchema },
  { method: 'PATCH', url: '/api/canned-responses/:cannedId', access: 'staff', params: ['cannedId'], body: cannedPatchSchema },
  { method: 'DELETE', url: '/api/canned-responses/:cannedId', access: 'staff', params: ['cannedId'] },
];

/** The chat's public routes (the unauthorised suite names every public route). */
export const CHAT_PUBLIC_ROUTES = CHAT_ROUTES.filter((r) => r.access === 'public').map((r) => `${r.method} ${r.url}`);
