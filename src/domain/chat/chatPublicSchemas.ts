// Shapes of what the child's page sends and receives. Tokens are the page's own random secrets:
// the resume token (kept in session storage) opens the chat again; the device token (kept only if
// the child ticks "remember this device") becomes the caller key by HMAC and is never stored.
import { z } from 'zod';
import { idInput } from '../ids.js';

/** 32 random bytes in base64url are 43 characters; accept 32–128 of that alphabet. */
export const secretToken = z.string().regex(/^[A-Za-z0-9_-]{32,128}$/, 'a random token (base64url, 32–128 characters)');
/** The client's id for one message (resends carry the same id). */
export const clientMessageId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '8–64 characters of A–Z, a–z, 0–9, _ and -');
/** Text as sent: the length limit is checked by the domain, to answer with chat.message_too_long. */
export const messageText = z.string().max(100_000);

export const preChatSchema = z
  .object({
    who: z.enum(['child', 'teen', 'parent', 'adult']).optional(),
    age: z.number().int().min(3).max(99).optional(),
    gender: z.enum(['female', 'male', 'other']).optional(),
    region: z.string().trim().min(1).max(200).optional(),
  })
  .strict();

export const startChatSchema = z
  .object({
    chatId: idInput(),
    serviceId: idInput(),
    token: secretToken,
    deviceToken: secretToken.nullish(),
    about: preChatSchema.default({}),
    firstMessage: z.object({ clientId: clientMessageId, text: messageText }).strict().nullish(),
  })
  .strict();

export const feedbackSchema = z
  .object({
    rating: z.number().int().min(1).max(5).nullish(),
    comment: z.string().trim().max(1000).nullish(),
  })
  .strict();

export const publicServiceSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  region: z.string(),
  open: z.boolean(),
  phones: z.array(z.string()),
  hours: z.object({ from: z.string(), to: z.string() }).nullable(),
  timeZone: z.string(),
});

/** What the child's socket may say (client → server on /api/chat/ws). */
export const childIncoming = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('hello'),
      chatId: idInput(),
      token: secretToken,
      after: z.number().int().min(0).max(2_147_483_647).default(0),
    })
    .strict(),
  z.object({ type: z.literal('message'), clientId: clientMessageId, text: messageText }).strict(),
  z.object({ type: z.literal('typing') }).strict(),
  z.object({ type: z.literal('read'), seq: z.number().int().min(0).max(2_147_483_647) }).strict(),
  z.object({ type: z.literal('end') }).strict(),
  z.object({ type: z.literal('ping') }).strict(),
]);
export type ChildIncoming = z.infer<typeof childIncoming>;
