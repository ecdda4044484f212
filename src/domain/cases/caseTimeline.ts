// A case's timeline notes and follow-up tasks: both sealed at rest (a note or a task's title may
// name people), added while the case is open, each change audited without its text.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { inUnit } from '../../db/unitOfWork.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/appendAudit.js';
import type { Actor } from '../auth/policy.js';
import { seal } from '../privacy/sealedText.js';
import { noteContext, taskContext } from './caseReads.js';
import { assertOpen, caseFor, pseudonymOf, type CaseDeps } from './caseStore.js';
import type { noteViewSchema, taskStateSchema, taskViewSchema } from './caseViews.js';

type NoteView = z.infer<typeof noteViewSchema>;
type TaskView = z.infer<typeof taskViewSchema>;
type TaskState = z.infer<typeof taskStateSchema>;

export async function addNote(deps: CaseDeps, actor: Actor, caseId: string, text: string): Promise<NoteView> {
  return inUnit(deps, async (u) => {
    const row = await caseFor(u.tx, actor, caseId, true);
    assertOpen(row);
    const id = randomUUID();
    await u.tx
      .insertInto('case_notes')
      .values({
        id,
        case_id: caseId,
        service_id: row.service_id,
        author_id: actor.userId,
        created_at: u.now,
        body_sealed: seal(deps.key, text, noteContext(id)),
      })
      .execute();
    await u.tx.updateTable('cases').set({ updated_at: u.now }).where('id', '=', caseId).execute();
    await appendAudit(u.tx, u.now, {
      actorId: actor.userId,
      serviceId: row.service_id,
      action: 'case.note_add',
      targetType: 'case',
      targetId: caseId,
      details: { noteId: id },
    });
    return { id, at: u.now.toISOString(), authorPseudonym: await pseudonymOf(u.tx, actor.userId), text };
  });
}

export async function addTask(deps: CaseDeps, actor: Actor, caseId: string, t: { title: string; dueOn: string }): Promise<TaskView> {
  return inUnit(deps, async (u) => {
    const row = await caseFor(u.tx, actor, caseId, true);
    assertOpen(row);
    const id = randomUUID();
    await u.tx
      .insertInto('case_tasks')
      .values({
        id,
        case_id: caseId,
        service_id: row.service_id,
        title_sealed: seal(deps.key, t.title, taskContext(id)),
        due_on: t.dueOn,
        created_by: actor.userId,
        created_at: u.now,
      })
      .execute();
    await appendAudit(u.tx, u.now, {
      actorId: actor.userId,
      serviceId: row.service_id,
      action: 'case.task_add',
      targetType: 'case',
      targetId: caseId,
      details: { taskId: id, dueOn: t.dueOn },
    });
    return { id, title: t.title, dueOn: t.dueOn, doneAt: null };
  });
}

/** Marks a task done (or not done again). Idempotent: the same state twice writes and audits once. */
export async function setTaskDone(deps: CaseDeps, actor: Actor, caseId: string, taskId: string, done: boolean): Promise<TaskState> {
  return inUnit(deps, async (u) => {
    const row = await caseFor(u.tx, actor, caseId, true);
    const task = await u.tx.selectFrom('case_tasks').selectAll().where('id', '=', taskId).where('case_id', '=', caseId).executeTakeFirst();
    if (!task) throw new AppError('case.task_not_found');
    assertOpen(row);
    if ((task.done_at !== null) === done) return { id: task.id, dueOn: task.due_on, doneAt: task.done_at?.toISOString() ?? null };
    const doneAt = done ? u.now : null;
    await u.tx
      .updateTable('case_tasks')
      .set({ done_at: doneAt, done_by: done ? actor.userId : null })
      .where('id', '=', taskId)
      .execute();
    await appendAudit(u.tx, u.now, {
      actorId: actor.userId,
      serviceId: row.service_id,
      action: done ? 'case.task_done' : 'case.task_reopen',
      targetType: 'case',
      targetId: caseId,
      details: { taskId },
    });
    return { id: task.id, dueOn: task.due_on, doneAt: doneAt?.toISOString() ?? null };
  });
}
