// The authorisation module on its own: every rule, for every kind of actor.
import { describe, expect, it } from 'vitest';
import { managedServices, permissionsOf, policy, visibleGrants, visibleServices, type Grant } from '../src/domain/auth/policy.js';
import { A, actor, B, admin, analyst, counsellorA, headA, headB, ME, methodologistA, supervisorA } from './helpers/policyActors.js';

const counsellorInA: Grant[] = [{ serviceId: A, role: 'counsellor' }];
const workerOfAandB: Grant[] = [
  { serviceId: A, role: 'counsellor' },
  { serviceId: B, role: 'counsellor' },
];

describe('policy', () => {
  it('only admins create services', () => {
    expect(policy.createService(admin)).toBe('allow');
    for (const a of [analyst, headA, supervisorA, counsellorA]) expect(policy.createService(a)).toBe('forbidden');
  });

  it('a service is visible to its members and admins, invisible (not found) to everyone else', () => {
    expect(policy.viewService(admin, A)).toBe('allow');
    expect(policy.viewService(counsellorA, A)).toBe('allow');
    expect(policy.viewService(headB, A)).toBe('not_found');
    expect(policy.viewService(analyst, A)).toBe('not_found');
  });

  it('a service is edited by admins and its head; members get forbidden, outsiders not found', () => {
    expect(policy.editService(admin, A)).toBe('allow');
    expect(policy.editService(headA, A)).toBe('allow');
    expect(policy.editService(supervisorA, A)).toBe('forbidden');
    expect(policy.editService(counsellorA, A)).toBe('forbidden');
    expect(policy.editService(headB, A)).toBe('not_found');
    expect(policy.editService(analyst, A)).toBe('not_found');
  });

  it('staff lists: admins everywhere, heads in their own service only', () => {
    expect(policy.listStaff(admin)).toBe('allow');
    expect(policy.listStaff(admin, B)).toBe('allow');
    expect(policy.listStaff(headA)).toBe('allow');
    expect(policy.listStaff(headA, A)).toBe('allow');
    expect(policy.listStaff(headA, B)).toBe('not_found');
    expect(policy.listStaff(supervisorA)).toBe('forbidden');
    expect(policy.listStaff(supervisorA, A)).toBe('forbidden');
    expect(policy.listStaff(analyst)).toBe('forbidden');
  });

  it('a staff account is seen by admins and by heads of a service the member works in', () => {
    expect(policy.viewStaff(admin, counsellorInA)).toBe('allow');
    expect(policy.viewStaff(headA, counsellorInA)).toBe('allow');
    expect(policy.viewStaff(headA, workerOfAandB)).toBe('allow');
    expect(policy.viewStaff(headB, counsellorInA)).toBe('not_found');
    expect(policy.viewStaff(supervisorA, counsellorInA)).toBe('not_found');
    expect(policy.viewStaff(headA, [{ serviceId: null, role: 'admin' }])).toBe('not_found');
  });

  it('a head manages only members who work entirely in the services they head', () => {
    expect(policy.manageStaff(headA, counsellorInA)).toBe('allow');
    expect(policy.manageStaff(headA, workerOfAandB)).toBe('forbidden');
    expect(policy.manageStaff(headB, counsellorInA)).toBe('not_found');
    expect(policy.manageStaff(admin, workerOfAandB)).toBe('allow');
    expect(policy.manageStaff(headA, [])).toBe('not_found');
  });

  it("heads grant service roles in their own services only; national roles are the admin's", () => {
    expect(policy.changeGrant(headA, { serviceId: A, role: 'supervisor' })).toBe('allow');
    expect(policy.changeGrant(headA, { serviceId: A, role: 'head' })).toBe('allow');
    expect(policy.changeGrant(headA, { serviceId: B, role: 'counsellor' })).toBe('not_found');
    expect(policy.changeGrant(headA, { serviceId: null, role: 'admin' })).toBe('forbidden');
    expect(policy.changeGrant(headA, { serviceId: null, role: 'analyst' })).toBe('forbidden');
    expect(policy.changeGrant(supervisorA, { serviceId: A, role: 'counsellor' })).toBe('forbidden');
    expect(policy.changeGrant(admin, { serviceId: null, role: 'admin' })).toBe('allow');
  });

  it('realtime topics: own user topic, member services, admin topic for admins', () => {
    expect(policy.subscribe(counsellorA, `user:${ME}`)).toBe('allow');
    expect(policy.subscribe(counsellorA, `user:${ME}:extra`)).toBe('forbidden');
    expect(policy.subscribe(counsellorA, `service:${A}:x`)).toBe('forbidden');
    expect(policy.subscribe(counsellorA, `service:${A.toUpperCase()}`)).toBe('forbidden');
    expect(policy.subscribe(counsellorA, 'user:someone-else')).toBe('forbidden');
    expect(policy.subscribe(counsellorA, `service:${A}`)).toBe('allow');
    expect(policy.subscribe(counsellorA, `service:${B}`)).toBe('forbidden');
    expect(policy.subscribe(analyst, `service:${A}`)).toBe('forbidden');
    expect(policy.subscribe(admin, `service:${B}`)).toBe('allow');
    expect(policy.subscribe(admin, 'admin')).toBe('allow');
    expect(policy.subscribe(headA, 'admin')).toBe('forbidden');
    expect(policy.subscribe(admin, 'nonsense')).toBe('forbidden');
    expect(policy.subscribe(admin, 'admin:extra')).toBe('forbidden');
  });

  it('scopes for SQL: admins see all, others their own services', () => {
    expect(visibleServices(admin)).toBe('all');
    expect(
      visibleServices(actor({ serviceId: A, role: 'counsellor' }, { serviceId: A, role: 'head' }, { serviceId: B, role: 'supervisor' })),
    ).toEqual([A, B]);
    expect(visibleServices(analyst)).toEqual([]);
    expect(managedServices(headA)).toEqual([A]);
    expect(managedServices(supervisorA)).toEqual([]);
  });

  it('only admins switch a service on or off', () => {
    expect(policy.setServiceActive(admin, A)).toBe('allow');
    expect(policy.setServiceActive(headA, A)).toBe('forbidden');
    expect(policy.setServiceActive(headB, A)).toBe('not_found');
  });

  it("a staff member's roles are shown only where the viewer works", () => {
    expect(visibleGrants(admin, workerOfAandB)).toEqual(workerOfAandB);
    expect(visibleGrants(headA, workerOfAandB)).toEqual([{ serviceId: A, role: 'counsellor' }]);
    expect(visibleGrants(headA, [{ serviceId: null, role: 'admin' }])).toEqual([]);
  });

  it('permissions sent to the SPA match the rules', () => {
    expect(permissionsOf(admin)).toMatchObject({ manageServices: true, manageStaff: true, allServices: true, nationalStatistics: true });
    expect(permissionsOf(headA)).toMatchObject({
      manageServices: false,
      manageStaff: true,
      managedServiceIds: [A],
      nationalStatistics: false,
    });
    expect(permissionsOf(counsellorA)).toMatchObject({ manageServices: false, manageStaff: false });
    expect(permissionsOf(analyst)).toMatchObject({ manageServices: false, manageStaff: false, nationalStatistics: true });
  });

  it('the directory: its head and methodologists edit it, supervisors export it, only the head opens it to the public', () => {
    for (const a of [headA, methodologistA, admin]) expect(policy.editDirectory(a, A)).toBe('allow');
    for (const a of [supervisorA, counsellorA]) expect(policy.editDirectory(a, A)).toBe('forbidden');
    expect(policy.editDirectory(headB, A)).toBe('not_found');
    // National entries are the admin's.
    for (const a of [headA, methodologistA]) expect(policy.editDirectory(a, null)).toBe('forbidden');
    for (const a of [headA, supervisorA, methodologistA, admin]) expect(policy.exportDirectory(a, A)).toBe('allow');
    expect(policy.exportDirectory(counsellorA, A)).toBe('forbidden');
    for (const a of [headA, admin]) expect(policy.publishDirectory(a, A)).toBe('allow');
    for (const a of [methodologistA, supervisorA]) expect(policy.publishDirectory(a, A)).toBe('forbidden');
    expect(policy.publishDirectory(headB, A)).toBe('not_found');
    expect(permissionsOf(methodologistA)).toMatchObject({
      directoryEditServiceIds: [A],
      directoryExportServiceIds: [A],
      directoryPublishServiceIds: [],
    });
    expect(permissionsOf(headA)).toMatchObject({
      directoryEditServiceIds: [A],
      directoryPublishServiceIds: [A],
      caseSettingsServiceIds: [A],
    });
    expect(permissionsOf(supervisorA)).toMatchObject({ caseSettingsServiceIds: [] });
    expect(permissionsOf(counsellorA)).toMatchObject({ directoryEditServiceIds: [], directoryExportServiceIds: [] });
  });

  it('a methodologist takes no contacts and reads no records or cases; a head grants the role in their service', () => {
    expect(policy.goOnDuty(methodologistA, A)).toBe('forbidden');
    expect(policy.usePhone(methodologistA)).toBe('forbidden');
    expect(policy.createRecord(methodologistA, A)).toBe('not_found');
    expect(policy.viewRecord(methodologistA, { staffId: null, serviceId: A })).toBe('not_found');
    expect(policy.listRecords(methodologistA, A)).toBe('not_found');
    expect(policy.viewCase(methodologistA, { serviceId: A, assignedTo: ME })).toBe('not_found');
    expect(policy.superviseService(methodologistA, A)).toBe('forbidden');
    expect(permissionsOf(methodologistA)).toMatchObject({ dutyServiceIds: [], superviseServiceIds: [], manageStaff: false });
    expect(policy.viewService(methodologistA, A)).toBe('allow');
    expect(policy.readDirectory(methodologistA)).toBe('allow');
    expect(policy.changeGrant(headA, { serviceId: A, role: 'methodologist' })).toBe('allow');
    expect(policy.changeGrant(headB, { serviceId: A, role: 'methodologist' })).toBe('not_found');
  });
});
