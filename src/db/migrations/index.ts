// The ordered list of migrations. Forward-only: a landed migration is never edited
// (test/migrations.test.ts pins each file's checksum); add a new file instead.
import type { Migration } from 'kysely';
import * as m0001 from './2026_11_24_0001_tenants_and_staff.js';
import * as m0002 from './2026_11_24_0002_sessions.js';
import * as m0003 from './2026_11_24_0003_audit_log.js';
import * as m0004 from './2026_11_24_0004_routing.js';
import * as m0005 from './2026_11_24_0005_routing_log_unchecked_references.js';
import * as m0006 from './2026_11_24_0006_contact_records.js';
import * as m0007 from './2026_11_24_0007_chat.js';
import * as m0008 from './2026_11_24_0008_voice.js';
import * as m0009 from './2026_11_24_0009_directory.js';
import * as m0010 from './2026_11_24_0010_cases_signals.js';
import * as m0011 from './2026_11_24_0011_methodologist_role.js';
import * as m0012 from './2026_11_24_0012_working_calendar.js';
import * as m0013 from './2026_11_24_0013_desk_phones.js';
import * as m0014 from './2026_11_25_0014_audit_chain_heads.js';

export const migrations: Record<string, Migration> = {
  '2026_11_24_0001_tenants_and_staff': m0001,
  '2026_11_24_0002_sessions': m0002,
  '2026_11_24_0003_audit_log': m0003,
  '2026_11_24_0004_routing': m0004,
  '2026_11_24_0005_routing_log_unchecked_references': m0005,
  '2026_11_24_0006_contact_records': m0006,
  '2026_11_24_0007_chat': m0007,
  '2026_11_24_0008_voice': m0008,
  '2026_11_24_0009_directory': m0009,
  '2026_11_24_0010_cases_signals': m0010,
  '2026_11_24_0011_methodologist_role': m0011,
  '2026_11_24_0012_working_calendar': m0012,
  '2026_11_24_0013_desk_phones': m0013,
  '2026_11_25_0014_audit_chain_heads': m0014,
};
