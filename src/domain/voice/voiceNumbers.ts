// The numbers the operator's trunk dials for each service (the Request-URI user of its INVITEs):
// read once, kept in memory for the route requests, replaced as a whole per service by an admin.
import type { Database } from '../../db/database.js';
import { isForeignKeyViolation, isUniqueViolation } from '../../db/pgErrors.js';
import { AppError } from '../../errors.js';

export class VoiceNumbers {
  private byNumber = new Map<string, string>();
  private loaded: Promise<void> | null = null;

  constructor(private readonly db: Database) {}

  private load(): Promise<void> {
    this.loaded ??= this.db
      .selectFrom('voice_numbers')
      .select(['number', 'service_id'])
      .execute()
      .then((rows) => {
        this.byNumber = new Map(rows.map((r) => [r.number, r.service_id]));
      })
      .catch((err: unknown) => {
        this.loaded = null;
        throw err;
      });
    return this.loaded;
  }

  /** The service a dialled number belongs to (digits only are compared: "+7 800 …" and "7800…" are one number). */
  async serviceOf(dialled: string): Promise<string | undefined> {
    await this.load();
    return this.byNumber.get(dialled.replace(/\D/g, ''));
  }

  private async requireService(serviceId: string): Promise<void> {
    const found = await this.db.selectFrom('services').select('id').where('id', '=', serviceId).executeTakeFirst();
    if (!found) throw new AppError('service.not_found');
  }

  async numbersOf(serviceId: string): Promise<string[]> {
    await this.requireService(serviceId);
    const rows = await this.db.selectFrom('voice_numbers').select('number').where('service_id', '=', serviceId).orderBy('number').execute();
    return rows.map((r) => r.number);
  }

  /** Replaces a service's numbers; a number another service has is refused (409), nothing changed. */
  async setNumbers(serviceId: string, numbers: string[], now: Date): Promise<string[]> {
    await this.requireService(serviceId);
    const unique = [...new Set(numbers)].sort();
    try {
      await this.db.transaction().execute(async (tx) => {
        await tx.deleteFrom('voice_numbers').where('service_id', '=', serviceId).execute();
        if (unique.length > 0)
          await tx
            .insertInto('voice_numbers')
            .values(unique.map((number) => ({ number, service_id: serviceId, created_at: now })))
            .execute();
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('voice.number_taken');
      if (isForeignKeyViolation(err)) throw new AppError('service.not_found');
      throw err;
    }
    this.loaded = null;
    await this.load();
    return unique;
  }
}
