// The import/export routes: who may use them (another helpline's head: 404, A's counsellors: 403, a
// supervisor exports but does not import), jobs seen only by whoever started them, and bad bodies
// answered with stable codes before any job starts: not HSDS, the format and the body disagreeing,
// the wrong media type, bad query and export bodies, and a file over 50 MB.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { TestApp, type SignedIn } from '../helpers/testApp.js';
import { DATABASES } from '../helpers/testDatabase.js';
import { clearDirectory, exampleCsv, exampleJson, rowCount, startImport, waitFor, zipOf } from './transferApi.js';

const outcome = (res: LightMyRequestResponse) => ({ status: res.statusCode, code: (res.json() as { code?: string }).code });

describe.each(DATABASES)('directory import/export routes on %s', (kind) => {
  let t: TestApp;
  let a: string;
  let people: Record<'headA' | 'supervisorA' | 'counsellorA' | 'headB' | 'admin', SignedIn>;
  beforeAll(async () => {
    t = await TestApp.start(kind);
    a = (await t.service()).id;
    const b = (await t.service()).id;
    people = {
      headA: await t.as([{ role: 'head', serviceId: a }]),
      supervisorA: await t.as([{ role: 'supervisor', serviceId: a }]),
      counsellorA: await t.as([{ role: 'counsellor', serviceId: a }]),
      headB: await t.as([{ role: 'head', serviceId: b }]),
      admin: await t.as([{ role: 'admin' }]),
    };
  });
  afterAll(() => t.close());

  const jobsOf = () => Object.values(people).reduce((n, p) => n + t.app.directoryJobs.countOf(p.userId), 0);

  it('an import is A’s head’s or the admin’s: B’s head gets 404, A’s counsellor and supervisor 403, and no job starts', async () => {
    await clearDirectory(t, a);
    const doc = exampleJson('taxonomy.json');
    const before = jobsOf();
    expect(outcome(await startImport(t, people.headB, a, doc))).toEqual({ status: 404, code: 'service.not_found' });
    expect(outcome(await startImport(t, people.counsellorA, a, doc))).toEqual({ status: 403, code: 'auth.forbidden' });
    expect(outcome(await startImport(t, people.supervisorA, a, doc))).toEqual({ status: 403, code: 'auth.forbidden' });
    expect(jobsOf()).toBe(before);
    expect(await rowCount(t, a)).toBe(0);
    // An unknown service is 404 for the admin too.
    expect(outcome(await startImport(t, people.admin, '5d1c8a55-2a0b-4f0e-8a7e-0c7d3a1b2c99', doc))).toEqual({
      status: 404,
      code: 'service.not_found',
    });

    const started = await startImport(t, people.admin, a, doc);
    expect(started.statusCode).toBe(202);
    const url = `/api/directory/imports/${started.json().jobId}`;
    expect(await waitFor(t, people.admin, url)).toMatchObject({ status: 'done', imported: { taxonomy: 1 } });
    // Only the admin, who started it, follows it.
    for (const who of [people.headA, people.headB, people.supervisorA])
      expect(outcome(await t.request(who, 'GET', url))).toEqual({ status: 404, code: 'directory.job_not_found' });
    expect(outcome(await t.request(people.admin, 'GET', `/api/directory/exports/${started.json().jobId}`))).toEqual({
      status: 404,
      code: 'directory.job_not_found',
    });
  });

  it('an export is A’s supervisors’ and head’s: B’s head gets 404 and A’s counsellor 403; only its starter downloads it', async () => {
    const before = jobsOf();
    const post = (who: SignedIn) => t.request(who, 'POST', `/api/services/${a}/directory/exports`, { format: 'csv' });
    expect(outcome(await post(people.headB))).toEqual({ status: 404, code: 'service.not_found' });
    expect(outcome(await post(people.counsellorA))).toEqual({ status: 403, code: 'auth.forbidden' });
    expect(jobsOf()).toBe(before);
    const res = await post(people.supervisorA);
    expect(res.statusCode).toBe(202);
    const id = res.json().jobId as string;
    await waitFor(t, people.supervisorA, `/api/directory/exports/${id}`);
    const file = await t.request(people.supervisorA, 'GET', `/api/directory/exports/${id}/file`);
    expect(file.headers['content-type']).toBe('application/zip');
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename="hsds-\d{4}-\d{2}-\d{2}\.zip"/);
    for (const who of [people.headA, people.headB, people.admin]) {
      expect(outcome(await t.request(who, 'GET', `/api/directory/exports/${id}`))).toEqual({
        status: 404,
        code: 'directory.job_not_found',
      });
      expect(outcome(await t.request(who, 'GET', `/api/directory/exports/${id}/file`))).toEqual({
        status: 404,
        code: 'directory.job_not_found',
      });
    }
    expect(outcome(await t.request(people.supervisorA, 'GET', `/api/directory/imports/${id}`))).toEqual({
      status: 404,
      code: 'directory.job_not_found',
    });
  });

  it('bad bodies and queries get stable codes and start no job', async () => {
    const before = jobsOf();
    const head = people.headA;
    const cases: [unknown, Parameters<typeof startImport>[4], number, string][] = [
      [{}, {}, 400, 'directory.import_unrecognised'],
      [[], {}, 400, 'directory.import_unrecognised'],
      ['"text"', {}, 400, 'directory.import_unrecognised'],
      [{ name: 'no id' }, {}, 400, 'directory.import_unrecognised'],
      ['{"id": ', {}, 400, 'request.malformed'],
      [exampleJson('taxonomy.json'), { format: 'csv' }, 415, 'request.unsupported_media_type'],
      [zipOf(exampleCsv()), { format: 'json' }, 415, 'request.unsupported_media_type'],
      [Buffer.from('id,name\n1,x\n'), {}, 400, 'directory.import_unrecognised'],
      ['id,name\n1,x\n', { contentType: 'text/csv' }, 415, 'request.unsupported_media_type'],
      [exampleJson('taxonomy.json'), { skipBadRows: 'yes' as never }, 400, 'request.invalid'],
    ];
    for (const [body, opts, status, code] of cases)
      expect({ body: String(body).slice(0, 20), ...outcome(await startImport(t, head, a, body, opts)) }).toEqual({
        body: String(body).slice(0, 20),
        status,
        code,
      });
    const exp = await t.request(head, 'POST', `/api/services/${a}/directory/exports`, { format: 'xml' });
    expect(outcome(exp)).toEqual({ status: 400, code: 'request.invalid' });
    expect(outcome(await t.request(head, 'GET', '/api/directory/imports/not-a-uuid'))).toEqual({ status: 400, code: 'request.invalid' });
    expect(jobsOf()).toBe(before);
  });

  it('a file over 50 MB is 413 directory.file_too_large, as JSON or as a zip; an anonymous caller gets 401 first', async () => {
    const big = Buffer.alloc(50 * 1024 * 1024 + 1, 0x20);
    for (const contentType of ['application/json', 'application/zip']) {
      const res = await startImport(t, people.headA, a, big, { contentType });
      expect(outcome(res)).toEqual({ status: 413, code: 'directory.file_too_large' });
      expect(res.json().message).toBe('Файл слишком большой: не больше 50 МБ.');
      const anonymous = await t.app.inject({
        method: 'POST',
        url: `/api/services/${a}/directory/imports`,
        headers: { 'content-type': contentType },
        payload: big,
      });
      expect(outcome(anonymous)).toEqual({ status: 401, code: 'auth.unauthenticated' });
    }
    // Just under the limit is read (and refused for what it is, not for its size).
    const under = Buffer.concat([Buffer.from('{"x":"'), Buffer.alloc(50 * 1024 * 1024 - 10, 0x61), Buffer.from('"}')]);
    expect(outcome(await startImport(t, people.headA, a, under, { contentType: 'application/json' }))).toEqual({
      status: 400,
      code: 'directory.import_unrecognised',
    });
  });
});
