// What the single writer knows of services without asking the database on every arrival: each
// service's routing settings, whether it takes contacts, and its care plans. Loaded when the writer
// opens; a service is reloaded when it changes (`service.updated`/`service.created`), its care plans
// when they change (`routing.care_plans`), and a service the writer has not seen is read on first use.
import type { Database } from '../../../db/database.js';
import { routingSettingsOf } from '../settings.js';
import type { RoutingSettings } from '../types.js';

const planKey = (serviceId: string, callerKey: string) => `${serviceId} ${callerKey}`;

export class ServiceFacts {
  private readonly settings = new Map<string, RoutingSettings>();
  private readonly active = new Map<string, boolean>();
  /** Preferred counsellor by service and caller key. */
  private readonly plans = new Map<string, string>();

  constructor(private readonly db: Database) {}

  settingsOf = (serviceId: string): RoutingSettings => this.settings.get(serviceId) ?? routingSettingsOf(undefined);

  /** Whether the service exists and takes contacts; undefined when it was never read. */
  takesContacts(serviceId: string): boolean | undefined {
    return this.active.get(serviceId);
  }

  preferredCounsellor(serviceId: string, callerKey: string | null): string | null {
    return callerKey === null ? null : (this.plans.get(planKey(serviceId, callerKey)) ?? null);
  }

  async loadAll(): Promise<void> {
    const services = await this.db.selectFrom('services').select(['id', 'active', 'settings']).execute();
    const plans = await this.db.selectFrom('care_plans').select(['service_id', 'caller_key', 'preferred_staff_id']).execute();
    for (const s of services) this.remember(s);
    this.plans.clear();
    for (const p of plans) this.plans.set(planKey(p.service_id, p.caller_key), p.preferred_staff_id);
  }

  async reloadService(serviceId: string): Promise<void> {
    const row = await this.db.selectFrom('services').select(['id', 'active', 'settings']).where('id', '=', serviceId).executeTakeFirst();
    // An id that names no service is not remembered (it is read again if it comes again).
    if (row) this.remember(row);
  }

  async reloadCarePlans(serviceId: string): Promise<void> {
    const rows = await this.db
      .selectFrom('care_plans')
      .select(['caller_key', 'preferred_staff_id'])
      .where('service_id', '=', serviceId)
      .execute();
    for (const key of [...this.plans.keys()]) if (key.startsWith(`${serviceId} `)) this.plans.delete(key);
    for (const r of rows) this.plans.set(planKey(serviceId, r.caller_key), r.preferred_staff_id);
  }

  private remember(row: { id: string; active: boolean; settings: unknown }): void {
    this.settings.set(row.id, routingSettingsOf(row.settings as Partial<RoutingSettings>));
    this.active.set(row.id, row.active);
  }
}
