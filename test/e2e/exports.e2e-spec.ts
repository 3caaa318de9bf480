import { beforeAll, describe, expect, it } from '@jest/globals';
import { parseCsv } from '#testing';
import { eventually, signIn } from './support/client.js';
import {
  assignMentor,
  enrollIntern,
  missingId,
  registerMentor,
  scheduleCohort,
  type CohortRef,
  type Person,
} from './support/program.js';
import { inject } from './support/system.js';

/**
 * Issue 13 (SPEC §7): CSV exports through the gateway, for program managers:
 * `GET /exports/cohorts/:id/interns.csv` (one row per intern) and `GET /exports/cohorts/:id/report.csv`
 * (the cohort report as metric,value rows), with every service running.
 */

const gatewayOrigin = () => new URL(inject('gatewayUrl')).origin;

const download = (path: string, token?: string) =>
  fetch(`${gatewayOrigin()}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

const INTERN_HEADER = [
  'intern_id',
  'name',
  'email',
  'university',
  'enrollment_status',
  'primary_mentor_id',
  'primary_mentor',
  'risk',
  'extension_weeks',
  'midpoint_decision',
  'final_outcome',
  'return_offer_recommendation',
  'return_offer_status',
  'return_offer_decided_at',
];

describe('CSV exports through the gateway', () => {
  let pm: string;
  let cohort: CohortRef;
  let ada: Person;
  let sam: Person;
  let eve: Person;
  let mentor: Person;

  beforeAll(async () => {
    pm = await signIn(`pm-exports-${missingId('uuid').slice(0, 8)}`, 'PROGRAM_MANAGER');
    cohort = await scheduleCohort(pm);
    ada = await enrollIntern(pm, cohort.id, { name: 'Ada Zoë Ångström' });
    sam = await enrollIntern(pm, cohort.id, { name: 'Lee, "Sam"' });
    eve = await enrollIntern(pm, cohort.id, { name: '=1+2', university: '+cmd' });
    mentor = await registerMentor(pm, { name: 'Grace Mentor' });
    await assignMentor(pm, ada.id, mentor.id);
  });

  it('interns.csv: a header naming each column, one row per intern in enrollment order, formulas neutralised', async () => {
    const rows = await eventually(async () => {
      const res = await download(`/exports/cohorts/${cohort.id}/interns.csv`, pm);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toContain(`filename="cohort-${cohort.id}-interns.csv"`);
      const text = await res.text();
      expect(text.endsWith('\r\n')).toBe(true);
      const records = parseCsv(text);
      // The mentors service has consumed the assignment.
      return records.find((r) => r[0] === ada.id)?.[6] === 'Grace Mentor' ? records : undefined;
    });
    expect(rows[0]).toEqual(INTERN_HEADER);
    expect(rows.slice(1).map((r) => r[0])).toEqual([ada.id, sam.id, eve.id]);
    const [, adaRow, samRow, eveRow] = rows;
    expect(adaRow).toEqual([
      ada.id,
      'Ada Zoë Ångström',
      ada.input.email,
      ada.input.university,
      'ENROLLED',
      mentor.id,
      'Grace Mentor',
      expect.any(String),
      '0',
      '',
      '',
      '',
      '',
      '',
    ]);
    expect(samRow![1]).toBe('Lee, "Sam"');
    expect(samRow![5]).toBe('');
    expect(eveRow![1]).toBe("'=1+2");
    expect(eveRow![3]).toBe("'+cmd");
  });

  it('report.csv: the cohort report as metric,value rows', async () => {
    const rows = await eventually(async () => {
      const res = await download(`/exports/cohorts/${cohort.id}/report.csv`, pm);
      // 404 until the evaluations service has consumed the cohort's first events.
      if (res.status === 404) return undefined;
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const records = parseCsv(await res.text());
      return records.find((r) => r[0] === 'interns')?.[1] === '3' ? records : undefined;
    });
    expect(rows[0]).toEqual(['metric', 'value']);
    const value = new Map(rows.slice(1).map(([metric, v]) => [metric, v]));
    expect(value.get('cohortId')).toBe(cohort.id);
    expect(value.get('completed')).toBe('0');
    expect(value.has('returnOffers.recommended')).toBe(true);
    expect(value.has('programNps.score')).toBe(true);
  });

  it('is for program managers only: 401 without a token, 403 for a mentor or an intern, 404 for an unknown cohort', async () => {
    for (const file of ['interns.csv', 'report.csv']) {
      const path = `/exports/cohorts/${cohort.id}/${file}`;
      expect((await download(path)).status).toBe(401);
      expect((await download(path, mentor.token)).status).toBe(403);
      expect((await download(path, ada.token)).status).toBe(403);
      expect((await download(`/exports/cohorts/${missingId('uuid')}/${file}`, pm)).status).toBe(404);
    }
  });
});
