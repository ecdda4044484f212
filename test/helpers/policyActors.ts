// Actors for the policy's own tests (test/policy.test.ts, test/cases/case-policy.test.ts): one
// person, ME, holding the named grants in service A or B, or a national role.
import type { Actor, Grant } from '../../src/domain/auth/policy.js';

export const A = '00000000-0000-4000-8000-00000000000a';
export const B = '00000000-0000-4000-8000-00000000000b';
export const ME = '00000000-0000-4000-8000-0000000000ee';
export const OTHER = '00000000-0000-4000-8000-0000000000ff';

export const actor = (...grants: Grant[]): Actor => ({ userId: ME, grants });
export const admin = actor({ serviceId: null, role: 'admin' });
export const analyst = actor({ serviceId: null, role: 'analyst' });
export const headA = actor({ serviceId: A, role: 'head' });
export const supervisorA = actor({ serviceId: A, role: 'supervisor' });
export const counsellorA = actor({ serviceId: A, role: 'counsellor' });
export const methodologistA = actor({ serviceId: A, role: 'methodologist' });
export const headB = actor({ serviceId: B, role: 'head' });
