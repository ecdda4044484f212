// Counsellors' SIP desk phones: long-lived digest credentials (a desk phone cannot renew the
// workstation's short-lived ones). The password is random and shown once; only what the edge needs to
// check a REGISTER is kept — HA1 = MD5(sip user:realm:password), the one form standard desk phones'
// digest MD5 can be checked against — sealed at rest and bound to the counsellor. Kamailio asks for it
// per REGISTER (POST /api/voice/desk-auth). Issue, regenerate and revoke are audited.
import { createHash, randomInt } from 'node:crypto';
import { inUnit, type Unit, type UnitDeps } from '../../db/unitOfWork.js';
import { appendAudit, lockAuditChains } from '../audit/appendAudit.js';
import { policy, SERVICE_ROLES, type Actor, type Grant } from '../auth/policy.js';
import { open, seal } from '../privacy/sealedText.js';
import { servicesOf } from '../staff/staffEvents.js';
import { loadStaffFor } from '../staff/staffQueries.js';
import { sipUserOf, staffIdOfSipUser } from './sipUsers.js';

export interface DeskPhoneSettings {
  /** The SIP domain the phone registers in (part of HA1: another realm makes the credentials useless). */
  realm: string;
  /** host:port the phone sends its REGISTERs to. */
  server: string;
  /** The encryption key of sealed text. */
  key: Buffer;
  /**
   * Drops the phone's current registration at the edge once its credentials are replaced or revoked (else
   * it stays registered until it next renews, up to an hour). Best effort: failures are the caller's to log.
   */
  dropRegistration?: (staffId: string) => Promise<void>;
}

export interface DeskPhoneStatus {
  issued: boolean;
  issuedAt: string | null;
  server: string;
  realm: string;
  username: string;
}

export interface DeskPhoneCredentials extends DeskPhoneStatus {
  password: string;
}

// No look-alike characters (0/O, 1/l/I): the password is often typed into a phone's own web page or keypad.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
/** 24 characters of 57: about 140 bits. */
const PASSWORD_LENGTH = 24;

export const newDeskPassword = (): string => Array.from({ length: PASSWORD_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');

/** HTTP digest's HA1 (RFC 2617, MD5), what Kamailio's pv_www_authenticate checks with flag 1. */
export const digestHa1 = (user: string, realm: string, password: string): string =>
  createHash('md5').update(`${user}:${realm}:${password}`).digest('hex');

const sealContext = (staffId: string) => `voice-desk-phone:${staffId}`;

export class DeskPhones {
  constructor(private readonly deps: UnitDeps & DeskPhoneSettings) {}

  private load(db: Parameters<typeof loadStaffFor>[0], actor: Actor, staffId: string, lock = false) {
    return loadStaffFor(db, actor, staffId, (a, grants) => policy.manageDeskPhone(a, staffId, grants), lock);
  }

  private view(staffId: string, issuedAt: Date | null): DeskPhoneStatus {
    const { server, realm } = this.deps;
    return { issued: issuedAt !== null, issuedAt: issuedAt?.toISOString() ?? null, server, realm, username: sipUserOf(staffId) };
  }

  async status(actor: Actor, staffId: string): Promise<DeskPhoneStatus> {
    await this.load(this.deps.db, actor, staffId);
    const row = await this.deps.db
      .selectFrom('voice_desk_phones')
      .select(['issued_at', 'realm'])
      .where('staff_id', '=', staffId)
      .executeTakeFirst();
    // Credentials made for another realm no longer work: shown as not issued, so they are issued again.
    return this.view(staffId, row && row.realm === this.deps.realm ? row.issued_at : null);
  }

  /** New credentials (replacing any earlier ones, which stop working at once); the password is returned this once. */
  async issue(actor: Actor, staffId: string): Promise<DeskPhoneCredentials> {
    const issued = await inUnit(this.deps, async (u) => {
      const { grants } = await this.load(u.tx, actor, staffId, true);
      const password = newDeskPassword();
      const ha1 = digestHa1(sipUserOf(staffId), this.deps.realm, password);
      const values = {
        ha1_sealed: seal(this.deps.key, ha1, sealContext(staffId)),
        realm: this.deps.realm,
        issued_at: u.now,
        issued_by: actor.userId,
      };
      const before = await u.tx
        .selectFrom('voice_desk_phones')
        .select('staff_id')
        .where('staff_id', '=', staffId)
        .forUpdate()
        .executeTakeFirst();
      await u.tx
        .insertInto('voice_desk_phones')
        .values({ staff_id: staffId, ...values })
        .onConflict((oc) => oc.column('staff_id').doUpdateSet(values))
        .execute();
      await audit(u, actor, staffId, grants, 'voice.desk_phone_issue', { replaced: before !== undefined, realm: this.deps.realm });
      return { credentials: { ...this.view(staffId, u.now), password }, replaced: before !== undefined };
    });
    // The old password no longer works: the phone registered with it must register again.
    if (issued.replaced) await this.dropRegistration(staffId);
    return issued.credentials;
  }

  private async dropRegistration(staffId: string): Promise<void> {
    await this.deps.dropRegistration?.(staffId);
  }

  /** The phone's credentials stop working (its registration is dropped, its next REGISTER refused); false if there were none. */
  async revoke(actor: Actor, staffId: string): Promise<{ revoked: boolean }> {
    const result = await inUnit(this.deps, async (u) => {
      const { grants } = await this.load(u.tx, actor, staffId, true);
      const gone = await u.tx.deleteFrom('voice_desk_phones').where('staff_id', '=', staffId).returning('staff_id').executeTakeFirst();
      if (gone) await audit(u, actor, staffId, grants, 'voice.desk_phone_revoke');
      return { revoked: gone !== undefined };
    });
    if (result.revoked) await this.dropRegistration(staffId);
    return result;
  }

  /**
   * The HA1 the edge checks a desk phone's REGISTER against, or null: no such counsellor, no credentials
   * (never issued, revoked, another realm), a disabled account or one that no longer takes calls.
   */
  async ha1Of(sipUser: string): Promise<string | null> {
    const staffId = staffIdOfSipUser(sipUser);
    if (!staffId) return null;
    const row = await this.deps.db
      .selectFrom('voice_desk_phones as d')
      .innerJoin('staff_users as s', 's.id', 'd.staff_id')
      .select(['d.ha1_sealed', 'd.realm'])
      .where('d.staff_id', '=', staffId)
      .where('s.disabled', '=', false)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('role_grants as g')
            .select('g.user_id')
            .whereRef('g.user_id', '=', 'd.staff_id')
            .where('g.role', 'in', [...SERVICE_ROLES]),
        ),
      )
      .executeTakeFirst();
    if (!row || row.realm !== this.deps.realm) return null;
    return open(this.deps.key, row.ha1_sealed, sealContext(staffId));
  }
}

async function audit(
  u: Unit,
  actor: Actor,
  staffId: string,
  grants: readonly Grant[],
  action: string,
  details: Record<string, unknown> = {},
) {
  const services = servicesOf(grants);
  await lockAuditChains(u.tx, services);
  for (const serviceId of services) {
    await appendAudit(u.tx, u.now, { actorId: actor.userId, serviceId, action, targetType: 'staff_user', targetId: staffId, details });
  }
}
