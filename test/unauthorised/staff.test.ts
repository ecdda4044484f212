// Unauthorised access to the staff routes: the accounts (list, create, read, edit) and the actions
// on one (disable, enable, reset the password). Every case's refusals (status, code, no change to
// the data) and its positive control.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { STAFF_CASES } from './cases/staff.js';
import { STAFF_ACTION_CASES } from './cases/staffActions.js';
import { runCase } from './runCase.js';

describe.each(DATABASES)('unauthorised access on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind);
  });
  afterAll(() => t.close());

  for (const c of [...STAFF_CASES, ...STAFF_ACTION_CASES]) it(`${c.route} — ${c.title}`, () => runCase(t, c));
});
