// Sending a signal. An approved signal is sent to each addressee by its channel: a channel with a
// SignalSender (e-mail through SMTP) sends by itself after the transaction that marks the addressee
// as being sent, and its result is recorded in a second one; any other channel is sent by a person
// and recorded at once, at the time they give. A draft with imminent danger may be sent without
// approval: it is registered in the same transaction and waits for a supervisor's review. Once every
// addressee has gone, the signal is 'sent' and its deadlines (working days of the service's calendar)
// run from when the last of them had it.
import type { Updateable } from 'kysely';
import type { SignalsTable } from '../../db/schema.js';
import { inUnit, type Unit } from '../../db/unitOfWork.js';
import { AppError } from '../../errors.js';
import { appendAudit } from '../audit/appendAudit.js';
import type { Actor } from '../auth/policy.js';
import { settingsOf } from '../cases/caseSettings.js';
import { workingDeadline } from './signalDeadlines.js';
import { answer } from './signalDraft.js';
import { signalLetter, type SignalLetter } from './signalLetter.js';
import { register, registrationColumns, serviceTimeZone } from './signalRegister.js';
import { RECORDED_BY_HAND, type SendResult } from './signalSender.js';
import { addresseesOf, assertState, signalFor, type AddresseeRow, type LoadedSignal, type SignalDeps } from './signalStore.js';
import type { SignalSummary } from './signalViews.js';
import { signalNumber } from './signalVocabulary.js';

/** An addressee left 'sending' this long (the process stopped mid-send) may be sent again. */
const STALE_SENDING_MS = 10 * 60_000;
const DETAIL_MAX = 500;
/** A time of sending typed to the minute, or on a clock a little off the server's, is still accepted. */
const CLOCK_SKEW_MS = 60_000;

/** Marks the signal sent once every addressee has gone, as of the last one's sending. Audits the send. */
async function finish(
  u: Unit,
  actor: Actor,
  loaded: LoadedSignal,
  results: { a: AddresseeRow; status: string; detail?: string | null }[],
): Promise<LoadedSignal> {
  const { row } = loaded;
  const all = (await addresseesOf(u.tx, [row.id])).get(row.id) ?? [];
  const done = all.every((a) => a.send_status === 'sent');
  let updated = row;
  if (done && row.status === 'approved') {
    const settings = await settingsOf(u.tx, row.service_id);
    const tz = await serviceTimeZone(u.tx, row.service_id);
    // Sent when the last addressee had it: a fax recorded by hand an hour ago counts from then.
    const sentAt = new Date(Math.max(...all.map((a) => (a.sent_at ?? u.now).getTime())));
    updated = await u.tx
      .updateTable('signals')
      .set({
        status: 'sent',
        sent_at: sentAt,
        sent_by: actor.userId,
        ack_due_at: workingDeadline(sentAt, settings.ackWorkingDays, tz, settings),
        outcome_due_at: workingDeadline(sentAt, settings.outcomeWorkingDays, tz, settings),
        updated_at: u.now,
      })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }
  if (results.length > 0)
    await appendAudit(u.tx, u.now, {
      actorId: actor.userId,
      serviceId: row.service_id,
      action: 'signal.send',
      targetType: 'signal',
      targetId: row.id,
      details: {
        number: signalNumber(row.number_year, row.number_seq),
        // A sender's answer (accepted with the message id, or the server's refusal) is audited with its result.
        results: results.map((r) => ({
          addresseeId: r.a.id,
          channel: r.a.channel,
          status: r.status,
          ...(r.detail ? { detail: r.detail } : {}),
        })),
        complete: done,
      },
    });
  return { ...loaded, row: updated };
}

/**
 * `sentAt`: when a person sent it by a channel without a sender (a fax an hour ago) — recorded on
 * those addressees; now when absent. Not in the future, not before the signal was created.
 */
export async function sendSignal(deps: SignalDeps, actor: Actor, id: string, version: number, sentAt?: string): Promise<SignalSummary> {
  const first = await inUnit(deps, async (u) => {
    const loaded = await signalFor(u.tx, actor, id, true);
    const { row } = loaded;
    assertState(row, ['drafted', 'approved'], version);
    const byHandAt = sentAt === undefined ? u.now : new Date(sentAt);
    if (byHandAt.getTime() > u.now.getTime() + CLOCK_SKEW_MS || byHandAt.getTime() < row.created_at.getTime() - CLOCK_SKEW_MS)
      throw new AppError('signal.sent_at_invalid');
    const change: Updateable<SignalsTable> = { version: row.version + 1, updated_at: u.now };
    if (row.status === 'drafted') {
      if (row.urgency !== 'imminent') throw new AppError('signal.approval_required');
      const reg = await register(u.tx, row.service_id, u.now);
      Object.assign(change, registrationColumns(reg, u.now), { status: 'approved', sent_without_approval: true });
      await appendAudit(u.tx, u.now, {
        actorId: actor.userId,
        serviceId: row.service_id,
        action: 'signal.send_urgent',
        targetType: 'signal',
        targetId: id,
        details: { number: signalNumber(reg.year, reg.seq) },
      });
    }
    const updated = await u.tx.updateTable('signals').set(change).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    const stale = u.now.getTime() - STALE_SENDING_MS;
    const due = ((await addresseesOf(u.tx, [id])).get(id) ?? []).filter(
      (a) =>
        a.send_status === 'pending' ||
        a.send_status === 'failed' ||
        (a.send_status === 'sending' && (a.send_attempted_at?.getTime() ?? 0) < stale),
    );
    const automatic = due.filter((a) => deps.senders[a.channel] !== undefined);
    const byHand = due.filter((a) => deps.senders[a.channel] === undefined);
    if (byHand.length > 0)
      await u.tx
        .updateTable('signal_addressees')
        .set({ send_status: 'sent', send_attempted_at: u.now, sent_at: byHandAt, send_detail: RECORDED_BY_HAND })
        .where(
          'id',
          'in',
          byHand.map((a) => a.id),
        )
        .execute();
    if (automatic.length > 0)
      await u.tx
        .updateTable('signal_addressees')
        .set({ send_status: 'sending', send_attempted_at: u.now })
        .where(
          'id',
          'in',
          automatic.map((a) => a.id),
        )
        .execute();
    const done = await finish(
      u,
      actor,
      { ...loaded, row: updated },
      byHand.map((a) => ({ a, status: 'sent' })),
    );
    // The letter is read inside the transaction that decided to send it; the senders run after commit.
    const letter = automatic.length > 0 ? await signalLetter(u.tx, deps.key, done.row) : null;
    return { summary: await answer(u, done, actor), automatic, letter };
  });
  if (first.automatic.length === 0 || !first.letter) return first.summary;
  const letter: SignalLetter = first.letter;
  const results: { a: AddresseeRow; result: SendResult }[] = [];
  for (const a of first.automatic) {
    const sender = deps.senders[a.channel]!;
    const target = letter.addressees.find((x) => x.id === a.id)!;
    const result = await sender
      .send(letter, target)
      .catch((err: unknown) => ({ ok: false, detail: err instanceof Error ? err.message : 'send failed' }));
    results.push({ a, result });
  }
  return inUnit(deps, async (u) => {
    const loaded = await signalFor(u.tx, actor, id, true);
    for (const { a, result } of results)
      await u.tx
        .updateTable('signal_addressees')
        .set({
          send_status: result.ok ? 'sent' : 'failed',
          sent_at: result.ok ? u.now : null,
          send_detail: result.detail?.slice(0, DETAIL_MAX) ?? null,
        })
        .where('id', '=', a.id)
        .execute();
    const done = await finish(
      u,
      actor,
      loaded,
      results.map(({ a, result }) => ({ a, status: result.ok ? 'sent' : 'failed', detail: result.detail?.slice(0, DETAIL_MAX) ?? null })),
    );
    return answer(u, done, actor);
  });
}
