// Unauthorised access to the directory's staff routes (search, cards, taxonomy, editing): every
// case's refusals (status, code, no change to the data) and its positive control.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { TestApp } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { DIRECTORY_CASES } from './cases/directory.js';
import { runCase } from './runCase.js';

describe.each(DATABASES)('unauthorised access to the directory on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start(kind);
  });
  afterAll(() => t.close());

  for (const c of DIRECTORY_CASES) it(`${c.route} — ${c.title}`, () => runCase(t, c));
});
