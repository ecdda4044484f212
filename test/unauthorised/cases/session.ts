// Cases for the caller's own session (who am I, sign out, change password): allowed to a user who
// must still change their password, refused without a valid session or CSRF token.
import { expect } from 'vitest';
import { TEST_PASSWORD } from '../../helpers/testApp.js';
import type { Case } from '../runCase.js';

export const SESSION_CASES: Case[] = [
  {
    route: 'GET /api/auth/me',
    title: 'who am I',
    url: () => '/api/auth/me',
    refusals: [],
    allowed: 'pendingA',
    okStatus: 200,
    verify: (res, w) => expect(res.json().user).toMatchObject({ id: w.pendingA.userId, mustChangePassword: true }),
  },
  {
    route: 'POST /api/auth/logout',
    title: 'sign out',
    url: () => '/api/auth/logout',
    refusals: [],
    allowed: 'pendingA',
    okStatus: 204,
  },
  {
    route: 'POST /api/auth/password',
    title: "change one's own password",
    url: () => '/api/auth/password',
    payload: () => ({ currentPassword: TEST_PASSWORD, newPassword: 'совсем-новый-пароль-42' }),
    refusals: [],
    allowed: 'pendingA',
    okStatus: 204,
  },
];
