import { describe, expect, it } from '@jest/globals';
import { renderRefusalPage, renderReportPage, riskWeekNumbers, type ReportPageInput } from './report-page.js';
import type { Risk } from './svg.js';

function sampleReport(): ReportPageInput['report'] {
  return {
    cohortId: 'c1',
    cohortName: 'Spring',
    currentWeek: 4,
    interns: 3,
    inProgram: 2,
    completed: 0,
    withdrawn: 1,
    terminated: 0,
    rubricAverages: [{ competency: 'DESIGN', name: 'Design', midpointAverage: 3.5, finalAverage: null }],
    presentation: {
      averageScore: 4,
      panelCount: 2,
      criteria: [{ criterion: 'CLARITY', name: 'Clarity', average: 4, count: 2 }],
    },
    returnOffers: { recommended: 1, extended: 1, accepted: 0, declined: 0 },
    programNps: { score: 50, promoters: 1, passives: 1, detractors: 0, responses: 2 },
    mentorCalibration: {
      cohortMean: 3.5,
      mentors: [{ mentorId: 'm1', meanScore: 4, difference: 0.5, evaluations: 2 }],
    },
    risk: { green: 1, amber: 1, red: 1 },
  };
}

const weeks = (...levels: Risk[]) => levels.map((level, k) => ({ week: k + 1, level }));

const interns: ReportPageInput['interns'] = [
  {
    internId: 'i1',
    name: 'Ada',
    riskLevel: 'GREEN',
    riskByWeek: weeks('GREEN', 'GREEN', 'GREEN'),
    enrollmentStatus: 'ACTIVE',
    presentation: { averageScore: 4, scoreCount: 2 },
  },
  {
    internId: 'i2',
    name: '<script>alert(1)</script>',
    riskLevel: 'RED',
    riskByWeek: weeks('GREEN', 'AMBER', 'RED'),
    enrollmentStatus: 'ACTIVE',
    presentation: { averageScore: null, scoreCount: 0 },
  },
  {
    internId: 'i3',
    name: 'Cy "the" O\'Neil',
    riskLevel: 'AMBER',
    riskByWeek: weeks('GREEN', 'AMBER'),
    enrollmentStatus: 'WITHDRAWN',
    presentation: { averageScore: null, scoreCount: 0 },
  },
];

describe('cohort report page', () => {
  const html = renderReportPage({
    report: sampleReport(),
    cohortName: 'Spring <b>2026</b>',
    interns,
    mentorNames: new Map([['m1', 'Grace & Co']]),
    generatedAt: new Date('2026-03-02T10:00:00Z'),
  });

  it('draws every chart as a titled, described image with a text alternative', () => {
    const charts = html.match(/<svg [^>]*role="img"/g) ?? [];
    expect(charts).toHaveLength(7);
    for (const id of ['funnel', 'risk', 'rubric', 'presentation', 'offers', 'nps', 'calibration']) {
      expect(html).toContain(`id="chart-${id}"`);
      expect(html).toContain(`<title id="chart-${id}-title">`);
    }
    expect((html.match(/<table>/g) ?? []).length).toBeGreaterThanOrEqual(6);
    expect(html).toContain('@media print');
  });

  it('draws all seven charts for a cohort with no data yet', () => {
    const empty = renderReportPage({
      report: {
        ...sampleReport(),
        rubricAverages: [],
        presentation: { averageScore: null, panelCount: 0, criteria: [] },
        mentorCalibration: { cohortMean: null, mentors: [] },
      },
      cohortName: 'New',
      interns: [],
      mentorNames: new Map(),
      generatedAt: new Date(),
    });
    expect(empty.match(/<svg [^>]*role="img"/g)).toHaveLength(7);
    expect(empty.match(/>No data yet</g)).toHaveLength(4);
  });

  it('shows every name as text, never as markup, and loads nothing', () => {
    expect(html).not.toContain('<script');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(html).toContain('Spring &#60;b&#62;2026&#60;/b&#62;');
    expect(html).toContain('Grace &#38; Co');
    expect(html).not.toMatch(/(src|href)="?https?:/);
  });

  it('maps risk intern × week, weeks 1 to the latest, an empty cell where an intern has no level', () => {
    const map = html.slice(html.indexOf('id="chart-risk"'), html.indexOf('</svg>', html.indexOf('id="chart-risk"')));
    expect(map.match(/>wk \d+</g)).toEqual(['>wk 1<', '>wk 2<', '>wk 3<']);
    expect((map.match(/class="cell-letter">([GAR])</g) ?? []).map((c) => c.slice(-2, -1)).join('')).toBe('GGGGARGA');
    expect(map.match(/class="cell-empty"/g)).toHaveLength(1);
    expect(map).toContain('<title>Ada, wk 2: GREEN</title>');
    expect(html).not.toContain('No per-week risk history');
    expect(html).toContain('<th scope="col">Week 3</th>');
    expect(riskWeekNumbers([{ riskByWeek: [] }])).toEqual([]);
  });

  it('writes the figures out', () => {
    expect(html).toContain('>3.50 / 5</text>');
    expect(html).toContain('NPS 50 (from −100 to 100) from 2 responses');
    expect(html).toContain('>+0.50</text>');
  });

  it('refuses with a plain page that shows no data', () => {
    const page = renderRefusalPage(401, 'This report link has expired');
    expect(page).toContain('This report link has expired');
    expect(page).not.toContain('<svg');
  });
});
