// Unauthorised access to cases and signals: every case's refusals (status, code, no change to the
// data) and its positive control.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { CASE_CASES } from './cases/cases.js';
import { SIGNAL_CASES } from './cases/signals.js';
import { runCase } from './runCase.js';

describe.each(DATABASES)('unauthorised access to cases and signals on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind);
  });
  afterAll(() => t.close());

  for (const c of [...CASE_CASES, ...SIGNAL_CASES]) it(`${c.route} — ${c.title}`, () => runCase(t, c));
});
