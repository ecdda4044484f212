// Unauthorised access to referrals: a record's referrals to the directory and directory cards sent in
// chats — every case's refusals (status, code, no change to the data) and its positive control.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { REFERRAL_CASES } from './cases/referrals.js';
import { runCase } from './runCase.js';

describe.each(DATABASES)('unauthorised access to referrals on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind);
  });
  afterAll(() => t.close());

  for (const c of REFERRAL_CASES) it(`${c.route} — ${c.title}`, () => runCase(t, c));
});
