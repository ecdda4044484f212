// The policy's rules for cases and signals on their own, for every kind of actor.
import { describe, expect, it } from 'vitest';
import { policy } from '../../src/domain/auth/policy.js';
import { A, actor, admin, analyst, B, counsellorA, headA, headB, ME, OTHER, supervisorA } from '../helpers/policyActors.js';

const exCounsellor = actor({ serviceId: B, role: 'counsellor' });

describe('case and signal policy', () => {
  it('a case is seen by its assignee (while working in its service) and the service’s supervisors and head only', () => {
    const mine = { serviceId: A, assignedTo: ME };
    const theirs = { serviceId: A, assignedTo: OTHER };
    expect(policy.viewCase(counsellorA, mine)).toBe('allow');
    expect(policy.viewCase(counsellorA, theirs)).toBe('not_found');
    expect(policy.viewCase(supervisorA, theirs)).toBe('allow');
    expect(policy.viewCase(headA, theirs)).toBe('allow');
    // Assigned once, moved to another service since: no longer.
    expect(policy.viewCase(exCounsellor, mine)).toBe('not_found');
    for (const a of [admin, analyst, headB]) expect(policy.viewCase(a, theirs)).toBe('not_found');
  });

  it('only supervisors and the head give a case to someone else', () => {
    expect(policy.assignCase(counsellorA, { serviceId: A, assignedTo: ME })).toBe('forbidden');
    expect(policy.assignCase(supervisorA, { serviceId: A, assignedTo: OTHER })).toBe('allow');
    expect(policy.assignCase(headB, { serviceId: A, assignedTo: OTHER })).toBe('not_found');
  });

  it('a case is opened from a record its opener may read, in the record’s own service', () => {
    expect(policy.openCase(counsellorA, { staffId: ME, serviceId: A })).toBe('allow');
    expect(policy.openCase(counsellorA, { staffId: OTHER, serviceId: A })).toBe('not_found');
    expect(policy.openCase(supervisorA, { staffId: OTHER, serviceId: A })).toBe('allow');
    // A partner's counsellor who answered the contact reads the record but does not work in its service.
    expect(policy.openCase(exCounsellor, { staffId: ME, serviceId: A })).toBe('not_found');
    for (const a of [admin, analyst]) expect(policy.openCase(a, { staffId: OTHER, serviceId: A })).toBe('not_found');
  });

  it('four eyes: a supervisor who is not the author approves; the author is told so; counsellors cannot', () => {
    const byOther = { serviceId: A, createdBy: OTHER, caseAssignedTo: null };
    const byMe = { serviceId: A, createdBy: ME, caseAssignedTo: null };
    expect(policy.approveSignal(supervisorA, byOther)).toBe('allow');
    expect(policy.approveSignal(headA, byOther)).toBe('allow');
    expect(policy.approveSignal(supervisorA, byMe)).toBe('own_signal');
    expect(policy.approveSignal(counsellorA, byMe)).toBe('forbidden');
    expect(policy.approveSignal(counsellorA, byOther)).toBe('not_found');
    for (const a of [admin, analyst, headB]) expect(policy.approveSignal(a, byOther)).toBe('not_found');
  });

  it("a signal is seen by its author, its case's assignee, the supervisors and head; closing is the supervisors'", () => {
    const s = { serviceId: A, createdBy: OTHER, caseAssignedTo: ME };
    expect(policy.viewSignal(counsellorA, s)).toBe('allow');
    expect(policy.viewSignal(counsellorA, { ...s, caseAssignedTo: OTHER })).toBe('not_found');
    expect(policy.closeSignal(counsellorA, s)).toBe('forbidden');
    expect(policy.closeSignal(supervisorA, s)).toBe('allow');
    for (const a of [admin, analyst, headB]) expect(policy.viewSignal(a, s)).toBe('not_found');
  });

  it('settings are set by the head; the agencies list is kept by supervisors and the head', () => {
    expect(policy.editCaseSettings(headA, A)).toBe('allow');
    expect(policy.editCaseSettings(supervisorA, A)).toBe('forbidden');
    expect(policy.editCaseSettings(admin, A)).toBe('not_found');
    expect(policy.viewCaseSettings(counsellorA, A)).toBe('allow');
    expect(policy.manageSignalAgencies(supervisorA, A)).toBe('allow');
    expect(policy.manageSignalAgencies(counsellorA, A)).toBe('forbidden');
    expect(policy.useSignalAgencies(counsellorA, A)).toBe('allow');
    expect(policy.useSignalAgencies(analyst, A)).toBe('not_found');
    expect(policy.listSignals(counsellorA, A)).toBe('own');
    expect(policy.listSignals(headA, A)).toBe('all');
    expect(policy.listCases(analyst, A)).toBe('not_found');
  });
});
