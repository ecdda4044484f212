// Who a signal may go to. An agency from the referral directory — an HSDS service the helpline sees
// (national or its own) tagged with a taxonomy term of an agency type (опека, ПДН, КДН и ЗП, …) — or
// one from the service's own list (signal_agencies) when the directory has no entry. Each addressee
// is copied onto the signal as it is now (name, type, e-mail, fax, phone), so the register still
// reads true after the directory changes.
import { sql } from 'kysely';
import { AppError } from '../../errors.js';
import { NATIONAL_TERMS } from '../directory/taxonomySeed.js';
import type { Db } from '../cases/caseStore.js';
import type { AddresseeInput } from './signalSchemas.js';
import { agencyTypeOfTerm, type AgencyType, type SignalChannel } from './signalVocabulary.js';

export interface ResolvedAddressee {
  source: 'directory' | 'list';
  directoryServiceId: string | null;
  agencyId: string | null;
  agencyType: AgencyType;
  name: string;
  email: string | null;
  fax: string | null;
  phone: string | null;
  channel: SignalChannel;
}

/** The codes of the national taxonomy's terms; a helpline's own terms are read by their names. */
const NATIONAL_CODES: ReadonlySet<string> = new Set(NATIONAL_TERMS.map((t) => t.code));
const NO_CODES: ReadonlySet<string> = new Set();

const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/** The agency types of the taxonomy terms the helpline sees, by term id. */
export async function agencyTerms(db: Db, serviceId: string): Promise<Map<string, AgencyType>> {
  const rows = await db
    .selectFrom('directory_rows')
    .select(['id', 'data', 'tenant_id'])
    .where('kind', '=', 'taxonomy_term')
    .where((eb) => eb.or([eb('tenant_id', 'is', null), eb('tenant_id', '=', serviceId)]))
    .execute();
  const out = new Map<string, AgencyType>();
  for (const r of rows) {
    const type = agencyTypeOfTerm(r.data as unknown as Record<string, unknown>, r.tenant_id === null ? NATIONAL_CODES : NO_CODES);
    if (type) out.set(r.id, type);
  }
  return out;
}

/** A directory service the helpline sees, as an addressee (null when it is not there). */
export async function directoryAddressee(db: Db, serviceId: string, directoryServiceId: string, terms?: Map<string, AgencyType>) {
  const entry = await db
    .selectFrom('directory_services')
    .select(['service_id', 'name', 'organization_name', 'term_ids'])
    .where('service_id', '=', directoryServiceId)
    .where('status', '=', 'active')
    .where((eb) => eb.or([eb('tenant_id', 'is', null), eb('tenant_id', '=', serviceId)]))
    .executeTakeFirst();
  if (!entry) return null;
  const known = terms ?? (await agencyTerms(db, serviceId));
  const agencyType = entry.term_ids.map((t) => known.get(t)).find((t) => t !== undefined) ?? 'other';
  const rows = await db
    .selectFrom('directory_rows')
    .select(['kind', 'data'])
    .where((eb) =>
      eb.or([
        eb('id', '=', directoryServiceId),
        eb.and([eb('kind', '=', 'phone'), sql<boolean>`links @> array[${directoryServiceId}]::uuid[]`]),
      ]),
    )
    .execute();
  const service = rows.find((r) => r.kind === 'service')?.data as Record<string, unknown> | undefined;
  const phones = rows.filter((r) => r.kind === 'phone').map((r) => r.data as Record<string, unknown>);
  const name =
    entry.organization_name && entry.organization_name !== entry.name ? `${entry.organization_name} — ${entry.name}` : entry.name;
  return {
    directoryServiceId: entry.service_id,
    agencyType,
    name,
    email: str(service?.email),
    fax: str(phones.find((p) => str(p.type)?.toLowerCase() === 'fax')?.number),
    phone: str(phones.find((p) => str(p.type)?.toLowerCase() !== 'fax')?.number),
  };
}

/** The channel an addressee is sent by: the one asked for (it must have the contact), else the best it has. */
function channelFor(
  asked: SignalChannel | undefined,
  a: { email: string | null; fax: string | null; phone: string | null },
): SignalChannel {
  const channel = asked ?? (a.email ? 'email' : a.fax ? 'fax' : a.phone ? 'phone' : 'post');
  const needs = { email: a.email, fax: a.fax, phone: a.phone } as Record<string, string | null>;
  if (channel in needs && !needs[channel]) throw new AppError('signal.channel_unavailable', { channel });
  return channel;
}

/** Every addressee of a draft, checked: at least one, no one twice, each known to the helpline. */
export async function resolveAddressees(db: Db, serviceId: string, inputs: readonly AddresseeInput[]): Promise<ResolvedAddressee[]> {
  if (inputs.length === 0) throw new AppError('signal.no_addressee');
  const keys = inputs.map((a) => (a.source === 'directory' ? `d:${a.directoryServiceId}` : `l:${a.agencyId}`));
  if (new Set(keys).size !== keys.length) throw new AppError('signal.addressee_duplicate');
  const terms = inputs.some((a) => a.source === 'directory') ? await agencyTerms(db, serviceId) : undefined;
  const out: ResolvedAddressee[] = [];
  for (const input of inputs) {
    if (input.source === 'directory') {
      const found = await directoryAddressee(db, serviceId, input.directoryServiceId, terms);
      if (!found) throw new AppError('signal.unknown_addressee');
      out.push({ source: 'directory', agencyId: null, ...found, channel: channelFor(input.channel, found) });
    } else {
      const agency = await db
        .selectFrom('signal_agencies')
        .selectAll()
        .where('id', '=', input.agencyId)
        .where('service_id', '=', serviceId)
        .where('active', '=', true)
        .executeTakeFirst();
      if (!agency) throw new AppError('signal.unknown_addressee');
      out.push({
        source: 'list',
        directoryServiceId: null,
        agencyId: agency.id,
        agencyType: agency.agency_type as AgencyType,
        name: agency.name,
        email: agency.email,
        fax: agency.fax,
        phone: agency.phone,
        channel: channelFor(input.channel, agency),
      });
    }
  }
  return out;
}
