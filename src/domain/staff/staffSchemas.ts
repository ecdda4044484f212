// Shapes of a staff account as commands accept and present it.
import { z } from 'zod';
import { idInput } from '../ids.js';
import { ROLES } from '../auth/policy.js';
import { PASSWORD_MAX } from '../auth/passwords.js';

export const grantSchema = z
  .object({ serviceId: idInput().nullable(), role: z.enum(ROLES) })
  .strict()
  .refine((g) => (g.role === 'admin' || g.role === 'analyst') === (g.serviceId === null), {
    message: 'admin and analyst are national roles (serviceId null); the others need a serviceId',
  });

export const loginSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,62}$/, 'Latin letters, digits, dot, dash or underscore; 2–63 characters');

const text = (max: number) => z.string().trim().min(1).max(max);

export const newStaffSchema = z
  .object({
    login: loginSchema,
    pseudonym: text(100),
    fullName: text(300),
    password: z
      .string()
      .max(PASSWORD_MAX * 4)
      .optional(),
    grants: z.array(grantSchema).min(1).max(50),
  })
  .strict();

export const staffPatchSchema = z
  .object({
    version: z.number().int().min(1),
    pseudonym: text(100).optional(),
    fullName: text(300).optional(),
    grants: z.array(grantSchema).min(1).max(50).optional(),
  })
  .strict();

export type NewStaff = z.infer<typeof newStaffSchema>;
export type StaffPatch = z.infer<typeof staffPatchSchema>;

export const staffViewSchema = z.object({
  id: z.uuid(),
  login: z.string(),
  pseudonym: z.string(),
  fullName: z.string(),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.iso.datetime({ offset: true }).nullable(),
  grants: z.array(z.object({ serviceId: z.uuid().nullable(), role: z.enum(ROLES) })),
  version: z.number().int(),
  createdAt: z.iso.datetime({ offset: true }),
  /** Whether the caller may change this account (policy.manageStaff), so the UI offers only what the server allows. */
  canManage: z.boolean(),
});

export type StaffView = z.infer<typeof staffViewSchema>;
