// Unauthorised access to the contact records, risk alerts and the classification: every case's
// refusals (status, code, no change to the data) and its positive control.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { RECORD_CASES } from './cases/records.js';
import { runCase } from './runCase.js';

describe.each(DATABASES)('unauthorised access on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind);
  });
  afterAll(() => t.close());

  for (const c of RECORD_CASES) it(`${c.route} — ${c.title}`, () => runCase(t, c));
});
