// Directory imports and exports in the background, with progress (as the report's XLSX exports in
// records/exportJobs.ts): jobs live in this process's memory, one runs at a time (an import holds a
// transaction; a burst must not crowd the database), each is seen only by the user who started it
// (and only while they may still edit or export that service's directory), and a finished job is
// forgotten TTL_MS later or when room is needed; all are lost on restart (the user starts again).
import { randomUUID } from 'node:crypto';
import { AppError } from '../../errors.js';
import type { Locale } from '../../i18n/messages.js';
import type { DirectoryFile } from './directoryExport.js';
import type { ImportOutcome, Progress } from './directoryImport.js';
import { issueMessage } from './importIssues.js';

export const MAX_JOBS = 100;
export const TTL_MS = 15 * 60_000;

export type JobKind = 'import' | 'export';
export type JobStatus = 'running' | 'done' | 'failed';

interface Job {
  id: string;
  kind: JobKind;
  userId: string;
  tenantId: string;
  locale: Locale;
  status: JobStatus;
  total: number;
  done: number;
  finishedAt: number | null;
  outcome: ImportOutcome | null;
  file: DirectoryFile | null;
}

export interface ImportView {
  status: JobStatus;
  total: number;
  done: number;
  errors: ImportOutcome['issues'];
  errorCount: number;
  imported: ImportOutcome['imported'];
}

export interface ExportView {
  status: JobStatus;
  total: number;
  done: number;
}

interface Owner {
  userId: string;
  tenantId: string;
  locale: Locale;
}

/** Whether the caller may still see a job of this service (their roles may have changed since). */
export type StillAllowed = (tenantId: string) => boolean;

export class DirectoryJobs {
  private readonly jobs = new Map<string, Job>();
  private tail: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly clock: () => Date,
    private readonly onError: (err: unknown) => void,
  ) {}

  startImport(owner: Owner, work: (progress: Progress) => Promise<ImportOutcome>): string {
    return this.start('import', owner, async (job, progress) => {
      job.outcome = await work(progress);
      return job.outcome.status;
    });
  }

  startExport(owner: Owner, work: (progress: Progress) => Promise<DirectoryFile>): string {
    return this.start('export', owner, async (job, progress) => {
      job.file = await work(progress);
      return 'done';
    });
  }

  importView(userId: string, id: string, allowed: StillAllowed): ImportView {
    const j = this.find('import', userId, id, allowed);
    const o = j.outcome;
    return {
      status: j.status,
      total: j.total,
      done: j.done,
      errors: o?.issues ?? [],
      errorCount: o?.issueCount ?? 0,
      imported: o?.imported ?? {},
    };
  }

  exportView(userId: string, id: string, allowed: StillAllowed): ExportView {
    const j = this.find('export', userId, id, allowed);
    return { status: j.status, total: j.total, done: j.done };
  }

  /** The finished file; 409 directory.export_not_ready while it runs (or if it failed). */
  exportFile(userId: string, id: string, allowed: StillAllowed): DirectoryFile {
    const j = this.find('export', userId, id, allowed);
    if (j.status !== 'done' || !j.file) throw new AppError('directory.export_not_ready', { status: j.status });
    return j.file;
  }

  /** How many jobs this user has (tests: a refused request starts none). */
  countOf(userId: string): number {
    return [...this.jobs.values()].filter((j) => j.userId === userId).length;
  }

  /** Stops taking work; waits for the job in progress (those still queued fail). */
  async close(): Promise<void> {
    this.closed = true;
    await this.tail;
  }

  private start(kind: JobKind, owner: Owner, run: (job: Job, progress: Progress) => Promise<JobStatus>): string {
    this.makeRoom();
    const job: Job = {
      id: randomUUID(),
      kind,
      ...owner,
      status: 'running',
      total: 0,
      done: 0,
      finishedAt: null,
      outcome: null,
      file: null,
    };
    this.jobs.set(job.id, job);
    const progress: Progress = {
      total: (n) => void (job.total = n),
      advance: (n) => void (job.done = Math.min(job.total, job.done + n)),
    };
    this.tail = this.tail.then(async () => {
      try {
        if (this.closed) throw new Error('the server is shutting down');
        job.status = await run(job, progress);
      } catch (err) {
        job.status = 'failed';
        if (kind === 'import') {
          const issue = { file: null, line: null, field: null, code: 'internal_error' as const };
          job.outcome = {
            status: 'failed',
            issues: [{ ...issue, message: issueMessage(job.locale, 'internal_error', null) }],
            issueCount: 1,
            imported: {},
          };
        }
        if (!this.closed) this.onError(err);
      }
      job.done = job.total;
      job.finishedAt = this.clock().getTime();
    });
    return job.id;
  }

  /** Forgets finished jobs past their time, then the oldest finished ones while there are too many. */
  private makeRoom(): void {
    const now = this.clock().getTime();
    for (const [id, j] of this.jobs) if (j.finishedAt !== null && now - j.finishedAt > TTL_MS) this.jobs.delete(id);
    for (const [id, j] of this.jobs) {
      if (this.jobs.size < MAX_JOBS) return;
      if (j.finishedAt !== null) this.jobs.delete(id);
    }
    if (this.jobs.size >= MAX_JOBS) throw new AppError('directory.too_many_jobs');
  }

  private find(kind: JobKind, userId: string, id: string, allowed: StillAllowed): Job {
    const now = this.clock().getTime();
    const j = this.jobs.get(id);
    if (!j || j.kind !== kind || j.userId !== userId || (j.finishedAt !== null && now - j.finishedAt > TTL_MS) || !allowed(j.tenantId))
      throw new AppError('directory.job_not_found');
    return j;
  }
}
