// The bad-input suite's bodies, baselines and live path parameters for the web chat's routes: the
// child's public routes (no session) and the staff routes (called as the head of `svc`, who may read,
// write in, end and block its chats and edit its canned responses). Baselines name what does not exist.
import fc from 'fast-check';
import type { ErrorCode } from '../../src/errors.js';
import type { Fixture } from './fixture.js';
import { CURRENT, shaped } from './generators.js';
import type { Baseline } from './oracle.js';

type Mostly = <T, U>(valid: fc.Arbitrary<T>, edge: fc.Arbitrary<U>) => fc.Arbitrary<T | U>;

/** Routes whose unknown path parameter answers otherwise than the parameter's usual not-found. */
export const CHAT_PARAM_NOT_FOUND: Readonly<Record<string, ErrorCode>> = {
  // The child's feedback: an unknown chat and a wrong token are one answer (nobody learns which chats exist).
  'POST /api/chat/chats/:chatId/feedback': 'chat.bad_token',
};

/** The staff chat routes are the head's (the admin has no part in a service's chats). */
export const isChatStaffUrl = (url: string) =>
  /^\/api\/(chats\/|chat-blocks\/|canned-responses\/)/.test(url) || /^\/api\/services\/[^/]+\/(chat-blocks|canned-responses)/.test(url);

export function chatShapes(fx: Fixture, mostly: Mostly, text: (max: number) => fc.Arbitrary<string>) {
  const token = mostly(
    fc.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    fc.constantFrom('', 'short', 'x'.repeat(129), 'не-токен-а-текст-длиной-больше-тридцати-двух'),
  );
  const clientId = mostly(fc.stringMatching(/^[A-Za-z0-9_-]{8,20}$/), fc.constantFrom('', 'short', 'with space 123', 'я'.repeat(10)));
  const messageText = mostly(text(200), fc.constantFrom('', '   ', 'я'.repeat(2001), '<script>alert(1)</script>', 'nul\u0000byte'));
  const id = (...live: string[]) =>
    mostly(live.length > 0 ? fc.oneof(fc.constantFrom(...live), fc.uuid()) : fc.uuid(), fc.constantFrom('', 'not-a-uuid', `${fx.svc}0`));
  const about = fc.record(
    {
      who: mostly(fc.constantFrom('child', 'teen', 'parent', 'adult'), fc.constantFrom('kid', '')),
      age: mostly(fc.integer({ min: 3, max: 99 }), fc.constantFrom(2, 100, 7.5, -1)),
      gender: mostly(fc.constantFrom('female', 'male', 'other'), fc.constantFrom('boy', '')),
      region: mostly(fc.constantFrom('Тверская область'), fc.constantFrom('', ' ', 'я'.repeat(201))),
    },
    { requiredKeys: [] },
  );
  const version = mostly(fc.constant(CURRENT), fc.integer({ min: -2, max: 4 }));
  return {
    'POST /api/chat/chats': shaped({
      chatId: id(fx.chat),
      serviceId: id(fx.svc),
      token,
      deviceToken: fc.option(token, { nil: null }),
      about,
      firstMessage: fc.option(fc.record({ clientId, text: messageText }), { nil: null }),
    }),
    'POST /api/chat/chats/:chatId/feedback': shaped({
      rating: mostly(fc.integer({ min: 1, max: 5 }), fc.constantFrom(0, 6, 2.5)),
      comment: fc.option(mostly(text(100), fc.constantFrom('я'.repeat(1001))), { nil: null }),
    }),
    'POST /api/chats/:chatId/messages': shaped({ clientId, text: messageText }),
    'POST /api/chats/:chatId/read': shaped({ seq: mostly(fc.integer({ min: 0, max: 50 }), fc.constantFrom(-1, 0.5, 2 ** 31)) }),
    'POST /api/chats/:chatId/end': shaped({ commandId: id() }),
    'POST /api/chats/:chatId/block': shaped({
      hours: mostly(fc.integer({ min: 1, max: 2160 }), fc.constantFrom(0, 2161, 1.5, -1)),
      reason: mostly(text(60), fc.constantFrom('', 'ab', 'я'.repeat(1001))),
    }),
    'POST /api/services/:serviceId/canned-responses': shaped({
      title: mostly(text(40), fc.constantFrom('', ' ', 'я'.repeat(101))),
      body: mostly(text(200), fc.constantFrom('', 'я'.repeat(2001))),
    }),
    'PATCH /api/canned-responses/:cannedId': shaped({
      version,
      title: mostly(text(40), fc.constantFrom('', 'я'.repeat(101))),
      body: mostly(text(200), fc.constantFrom('', 'я'.repeat(2001))),
      position: mostly(fc.integer({ min: 0, max: 1000 }), fc.constantFrom(-1, 1001, 0.5)),
    }),
  };
}

export function chatBaselines(fx: Fixture): Record<string, Baseline> {
  const noChat = { status: 404, code: 'chat.not_found' } as const;
  const chat = (suffix = '') => `/api/chats/${fx.missing}${suffix}`;
  return {
    'GET /api/chat/services': { url: '/api/chat/services', status: 200 },
    'POST /api/chat/chats': { url: '/api/chat/chats', body: {}, status: 400, code: 'request.invalid' },
    'POST /api/chat/chats/:chatId/feedback': {
      url: `/api/chat/chats/${fx.missing}/feedback`,
      body: { rating: 3 },
      status: 404,
      code: 'chat.bad_token',
    },
    // Plain HTTP (no upgrade).
    'GET /api/chat/ws': { url: '/api/chat/ws', status: 426, code: 'realtime.upgrade_required' },
    // The fixture's chat, read (audited) by the head of its service: a valid `after` query is read too.
    'GET /api/chats/:chatId': { url: `/api/chats/${fx.chat}`, status: 200 },
    'POST /api/chats/:chatId/messages': { url: chat('/messages'), body: { clientId: 'baseline-1', text: 'тест' }, ...noChat },
    'POST /api/chats/:chatId/typing': { url: chat('/typing'), ...noChat },
    'POST /api/chats/:chatId/read': { url: chat('/read'), body: { seq: 0 }, ...noChat },
    'POST /api/chats/:chatId/end': { url: chat('/end'), body: { commandId: fx.missing }, ...noChat },
    'POST /api/chats/:chatId/block': { url: chat('/block'), body: { hours: 1, reason: 'Проверка' }, ...noChat },
    'GET /api/services/:serviceId/chat-blocks': { url: `/api/services/${fx.svc}/chat-blocks`, status: 200 },
    'POST /api/chat-blocks/:blockId/lift': { url: `/api/chat-blocks/${fx.missing}/lift`, status: 404, code: 'chat.block_not_found' },
    'GET /api/services/:serviceId/canned-responses': { url: `/api/services/${fx.svc}/canned-responses`, status: 200 },
    'POST /api/services/:serviceId/canned-responses': {
      url: `/api/services/${fx.missing}/canned-responses`,
      body: { title: 'Привет', body: 'Здравствуй' },
      status: 404,
      code: 'service.not_found',
    },
    'PATCH /api/canned-responses/:cannedId': {
      url: `/api/canned-responses/${fx.missing}`,
      body: { version: 1 },
      status: 404,
      code: 'canned.not_found',
    },
    'DELETE /api/canned-responses/:cannedId': { url: `/api/canned-responses/${fx.missing}`, status: 404, code: 'canned.not_found' },
  };
}

/** What an anonymous caller of the child's public routes gets: the same as anyone (they take no session). */
export const childPublicBaseline = (websocket: boolean): Baseline =>
  websocket ? { url: '/api/chat/ws', status: 426, code: 'realtime.upgrade_required' } : { url: '/api/chat/services', status: 200 };
