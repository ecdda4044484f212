// Report exports in the background, with progress. Jobs live in this process's memory only: at most
// MAX_JOBS (the oldest is dropped to make room), each forgotten EXPORT_TTL_MS after it was started,
// and lost on restart (the user starts the export again). Exports run one at a time, so a burst of
// them cannot crowd the database. A job is visible only to the user who started it.
import { randomUUID } from 'node:crypto';
import { AppError } from '../../errors.js';

export const MAX_JOBS = 100;
export const EXPORT_TTL_MS = 15 * 60_000;

export type ExportStatus = 'running' | 'done' | 'failed';

export interface ExportFile {
  /** The file name (Russian), and a plain ASCII one for clients that do not read RFC 5987. */
  name: string;
  asciiName: string;
  data: Buffer;
}

interface Job {
  id: string;
  userId: string;
  startedAt: number;
  status: ExportStatus;
  progress: number;
  file: ExportFile | null;
}

export interface ExportView {
  id: string;
  status: ExportStatus;
  progress: number;
}

/** The work of one export: reports its progress (0..1) as it goes and returns the file. */
export type ExportWork = (progress: (fraction: number) => void) => Promise<ExportFile>;

export class ExportJobs {
  private readonly jobs = new Map<string, Job>();
  private tail: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly clock: () => Date,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** Queues the work and answers its id at once. */
  start(userId: string, work: ExportWork): ExportView {
    this.expire();
    while (this.jobs.size >= MAX_JOBS) this.jobs.delete(this.jobs.keys().next().value!);
    const job: Job = { id: randomUUID(), userId, startedAt: this.clock().getTime(), status: 'running', progress: 0, file: null };
    this.jobs.set(job.id, job);
    this.tail = this.tail.then(() => this.run(job, work));
    return view(job);
  }

  /** The job, if this user started it and it has not expired; else 404 report.export_not_found. */
  get(userId: string, id: string): ExportView {
    return view(this.find(userId, id));
  }

  /** The finished file; 409 report.export_not_ready while it runs (or if it failed). */
  file(userId: string, id: string): ExportFile {
    const job = this.find(userId, id);
    if (job.status !== 'done' || !job.file) throw new AppError('report.export_not_ready', { status: job.status });
    return job.file;
  }

  /** How many jobs (not expired) this user has. */
  countOf(userId: string): number {
    this.expire();
    return [...this.jobs.values()].filter((j) => j.userId === userId).length;
  }

  /** Stops taking work; waits for the export in progress (those still queued fail). */
  async close(): Promise<void> {
    this.closed = true;
    await this.tail;
  }

  private async run(job: Job, work: ExportWork): Promise<void> {
    if (this.closed || !this.jobs.has(job.id)) {
      job.status = 'failed';
      return;
    }
    try {
      job.file = await work((fraction) => {
        job.progress = Math.min(1, Math.max(job.progress, Math.round(fraction * 1000) / 1000));
      });
      job.progress = 1;
      job.status = 'done';
    } catch (err) {
      job.status = 'failed';
      this.onError(err);
    }
  }

  private find(userId: string, id: string): Job {
    this.expire();
    const job = this.jobs.get(id);
    if (!job || job.userId !== userId) throw new AppError('report.export_not_found');
    return job;
  }

  private expire(): void {
    const now = this.clock().getTime();
    for (const [id, job] of this.jobs) if (now - job.startedAt > EXPORT_TTL_MS) this.jobs.delete(id);
  }
}

const view = (j: Job): ExportView => ({ id: j.id, status: j.status, progress: j.progress });
