// The JSON body of every error response, and the helper that declares it on each route.
import { z } from 'zod';

export const errorBodySchema = z.object({
  code: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});

export type ErrorBody = z.infer<typeof errorBodySchema>;

/** Adds the error shapes to a route's response map so they are documented and serialised like the rest. */
export function withErrors<T extends Record<number, z.ZodType>>(ok: T) {
  return { ...ok, '4xx': errorBodySchema, '5xx': errorBodySchema } as T & { '4xx': typeof errorBodySchema; '5xx': typeof errorBodySchema };
}
