// The SPA keeps its own copy of the case and signal vocabulary (web/ does not import server code):
// the copies must list exactly the coded values the server accepts and answers, in the same order.
import { describe, expect, it } from 'vitest';
import * as cases from '../../src/domain/cases/caseVocabulary.js';
import { OVERDUE_KINDS } from '../../src/domain/signals/signalDeadlines.js';
import * as signals from '../../src/domain/signals/signalVocabulary.js';
import { addresseeViewSchema } from '../../src/domain/signals/signalViews.js';
import * as web from '../../web/src/cases/types.js';

describe("the SPA's copy of the case and signal vocabulary", () => {
  it('lists the same coded values as the server, in the same order', () => {
    for (const name of ['CONSENT_BY', 'CONSENT_PURPOSES', 'DUTY_REASONS', 'CASE_STATUSES', 'CLOSE_REASONS', 'PERSONAL_FIELDS'] as const)
      expect([...web[name]], name).toEqual([...cases[name]]);
    expect(web.MAX_CHILD_AGE).toBe(cases.MAX_CHILD_AGE);
    for (const name of ['URGENCIES', 'SIGNAL_REASONS', 'SIGNAL_STATUSES', 'SIGNAL_OUTCOMES', 'AGENCY_TYPES', 'SIGNAL_CHANNELS'] as const)
      expect([...web[name]], name).toEqual([...signals[name]]);
    expect([...web.OVERDUE_KINDS]).toEqual([...OVERDUE_KINDS]);
  });

  it("knows every delivery state an addressee's send can be in", () => {
    expect([...web.SEND_STATUSES]).toEqual(addresseeViewSchema.shape.sendStatus.options);
  });
});
