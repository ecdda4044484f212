// A counsellor's SIP user name: `c` and their staff id's 32 hex digits. Browsers and desk phones
// register as it; the edge rings it when the engine offers that counsellor a call.
const USER = /^c([0-9a-f]{32})$/;

export const sipUserOf = (staffId: string): string => `c${staffId.replace(/-/g, '').toLowerCase()}`;

export function staffIdOfSipUser(user: string): string | null {
  const m = USER.exec(user);
  if (!m) return null;
  const h = m[1]!;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
