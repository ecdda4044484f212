// Unauthorised access to the directory's HSDS import and export: every case's refusals (status, code,
// no change to the data or the jobs) and its positive control.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { DIRECTORY_TRANSFER_CASES } from './cases/directoryTransfer.js';
import { runCase } from './runCase.js';

describe.each(DATABASES)('unauthorised access on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind);
  });
  afterAll(() => t.close());

  for (const c of DIRECTORY_TRANSFER_CASES) it(`${c.route} — ${c.title}`, () => runCase(t, c));
});
