import { barChart, divergingChart, escapeXml, riskHeatMap, riskPatterns, type Bar, type Risk } from './svg.js';

/**
 * `GET /reports/cohorts/:id`: the cohort at a glance as one HTML page, every chart inline SVG
 * drawn here (svg.ts), no script and no external resource, readable in print. The data is the
 * cohort's `cohortReport` and its `internProgress`, read through the gateway's own execution of
 * the composed schema as the program manager (report-route.ts).
 *
 * Risk by week: each intern's `riskByWeek` (weeks 1 to their current week, a week without a
 * change carrying the previous level) makes a row of the heat map, one column per week up to the
 * latest week any intern has; a week an intern has no level for is an empty cell.
 */

export const REPORT_PAGE_QUERY = `query CohortReportPage($cohortId: ID!) {
  cohort(id: $cohortId) { id name }
  cohortReport(cohortId: $cohortId) {
    cohortId cohortName currentWeek interns inProgram completed withdrawn terminated
    rubricAverages { competency name midpointAverage finalAverage }
    presentation { averageScore panelCount criteria { criterion name average count } }
    returnOffers { recommended extended accepted declined }
    programNps { score promoters passives detractors responses }
    mentorCalibration { cohortMean mentors { mentorId meanScore difference evaluations } }
    risk { green amber red }
  }
}`;

export const INTERN_PROGRESS_QUERY = `query CohortReportInterns($cohortId: ID!, $first: Int!, $after: String) {
  internProgress(cohortId: $cohortId, first: $first, after: $after) {
    edges { node { internId name riskLevel riskByWeek { week level } enrollmentStatus presentation { averageScore scoreCount } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export interface ReportData {
  cohort: { id: string; name: string } | null;
  cohortReport: {
    cohortId: string;
    cohortName: string | null;
    currentWeek: number;
    interns: number;
    inProgram: number;
    completed: number;
    withdrawn: number;
    terminated: number;
    rubricAverages: { competency: string; name: string; midpointAverage: number | null; finalAverage: number | null }[];
    presentation: {
      averageScore: number | null;
      panelCount: number;
      criteria: { criterion: string; name: string; average: number | null; count: number }[];
    };
    returnOffers: { recommended: number; extended: number; accepted: number; declined: number };
    programNps: { score: number | null; promoters: number; passives: number; detractors: number; responses: number };
    mentorCalibration: {
      cohortMean: number | null;
      mentors: { mentorId: string; meanScore: number; difference: number; evaluations: number }[];
    };
    risk: { green: number; amber: number; red: number };
  } | null;
}

export interface InternProgressNode {
  internId: string;
  name: string;
  riskLevel: Risk;
  riskByWeek: { week: number; level: Risk }[];
  enrollmentStatus: string;
  presentation: { averageScore: number | null; scoreCount: number };
}

export interface InternProgressPage {
  internProgress: {
    edges: { node: InternProgressNode }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

export interface ReportPageInput {
  report: NonNullable<ReportData['cohortReport']>;
  cohortName: string;
  interns: readonly InternProgressNode[];
  /** Mentor id → name (unknown ids show as their id). */
  mentorNames: ReadonlyMap<string, string>;
  generatedAt: Date;
}

/** The page's Content-Security-Policy: nothing but its own inline styles and data: images. */
export const REPORT_PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;color:#1a1a1a;margin:24px auto;max-width:960px;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ccc}
.meta{color:#555}section{break-inside:avoid;page-break-inside:avoid}
svg.chart{max-width:100%;height:auto;font:12px system-ui,sans-serif}
svg .bar-fill{fill:#3b6ea8}svg .bar-below{fill:#b35c1e}svg .cell-empty{fill:#eee;stroke:#999;stroke-dasharray:2 2}
svg .cell-letter{font-weight:700;fill:#111}
table{border-collapse:collapse;margin:8px 0;font-size:13px}th,td{border:1px solid #bbb;padding:3px 8px;text-align:left}
th{background:#f2f2f2}td.num{text-align:right}.note{color:#444;font-style:italic}
.legend span{display:inline-block;margin-right:14px}
@media print{body{margin:0;max-width:none;font-size:11pt}h2{margin-top:16px}.noprint{display:none}
svg .bar-fill{fill:#555}svg .bar-below{fill:#999}a{color:inherit;text-decoration:none}}
`;

const num = (v: number | null | undefined, digits = 2) =>
  v === null || v === undefined ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(digits);

function table(
  caption: string,
  headers: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
): string {
  const head = headers.map((h) => `<th scope="col">${escapeXml(h)}</th>`).join('');
  const body = rows
    .map(
      (r) =>
        `<tr>${r
          .map((c, i) =>
            i === 0
              ? `<th scope="row">${escapeXml(c)}</th>`
              : `<td class="${typeof c === 'number' ? 'num' : ''}">${escapeXml(typeof c === 'number' ? num(c) : (c ?? '—'))}</td>`,
          )
          .join('')}</tr>`,
    )
    .join('');
  return `<table><caption>${escapeXml(caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function section(id: string, heading: string, content: string): string {
  return `<section aria-labelledby="${id}-h"><h2 id="${id}-h">${escapeXml(heading)}</h2>${content}</section>`;
}

/** Weeks 1 to the latest week any intern has a risk level for. */
export function riskWeekNumbers(interns: readonly Pick<InternProgressNode, 'riskByWeek'>[]): number[] {
  const last = Math.max(0, ...interns.flatMap((i) => i.riskByWeek.map((w) => w.week)));
  return Array.from({ length: last }, (_, k) => k + 1);
}

/** The whole page. */
export function renderReportPage(input: ReportPageInput): string {
  const { report: r, interns } = input;
  const title = `Cohort report: ${input.cohortName}`;

  const funnel: Bar[] = [
    { label: 'Enrolled', value: r.interns },
    { label: 'Active', value: r.inProgram },
    { label: 'Completed', value: r.completed },
    { label: 'Withdrawn', value: r.withdrawn },
    { label: 'Terminated', value: r.terminated },
  ];
  const funnelText = funnel.map((b) => `${b.label} ${b.value}`).join(', ');

  const riskWeeks = riskWeekNumbers(interns);
  const riskLevels = (i: InternProgressNode): (Risk | null)[] => {
    const byWeek = new Map(i.riskByWeek.map((w) => [w.week, w.level]));
    return riskWeeks.map((w) => byWeek.get(w) ?? null);
  };
  const riskRows = interns.map((i) => ({ label: i.name, cells: riskLevels(i) }));

  const rubric: Bar[] = r.rubricAverages.flatMap((c) => [
    {
      label: `${c.name}, midpoint`,
      value: c.midpointAverage,
      text: c.midpointAverage === null ? undefined : `${num(c.midpointAverage)} / 5`,
    },
    {
      label: `${c.name}, final`,
      value: c.finalAverage,
      text: c.finalAverage === null ? undefined : `${num(c.finalAverage)} / 5`,
    },
  ]);

  const scored = interns.filter((i) => i.presentation.scoreCount > 0);
  const presentation: Bar[] = [
    ...r.presentation.criteria.map((c) => ({ label: c.name, value: c.average })),
    ...scored.map((i) => ({ label: i.name, value: i.presentation.averageScore })),
  ];

  const offers: Bar[] = [
    { label: 'Recommended', value: r.returnOffers.recommended },
    { label: 'Extended', value: r.returnOffers.extended },
    { label: 'Accepted', value: r.returnOffers.accepted },
  ];

  const nps = r.programNps;
  const npsBars: Bar[] = [
    { label: 'Promoters (9–10)', value: nps.promoters },
    { label: 'Passives (7–8)', value: nps.passives },
    { label: 'Detractors (0–6)', value: nps.detractors },
  ];

  const mentorName = (id: string) => input.mentorNames.get(id) ?? id;
  const calibration = r.mentorCalibration.mentors.map((m) => ({ label: mentorName(m.mentorId), value: m.difference }));

  const sections = [
    section(
      'funnel',
      'Enrolment funnel',
      barChart({ id: 'chart-funnel', title: 'Enrolment funnel', desc: funnelText }, funnel) +
        table(
          'Enrolment funnel',
          ['Stage', 'Interns'],
          funnel.map((b) => [b.label, b.value]),
        ),
    ),
    section(
      'risk',
      'Risk by week',
      `<p class="note">Each intern's risk level in each program week (the last level seen in the week; a week without a change keeps the level of the week before). Cells are lettered G (green, on track, plain), A (amber, needs attention, hatched) and R (red, at risk, cross-hatched).</p>` +
        riskHeatMap(
          {
            id: 'chart-risk',
            title: 'Risk by week',
            desc: `Weeks 1 to ${riskWeeks.length}; now green ${r.risk.green}, amber ${r.risk.amber}, red ${r.risk.red}`,
          },
          riskWeeks.map((w) => `wk ${w}`),
          riskRows,
        ) +
        table(
          'Risk by week',
          ['Intern', 'Status', 'Risk now', ...riskWeeks.map((w) => `Week ${w}`)],
          interns.map((i) => [i.name, i.enrollmentStatus, i.riskLevel, ...riskLevels(i).map((l) => l ?? '–')]),
        ),
    ),
    section(
      'rubric',
      'Rubric averages, midpoint and final',
      barChart(
        {
          id: 'chart-rubric',
          title: 'Rubric averages at midpoint and final',
          desc: 'Mentor scores per competency, 1 to 5, at the midpoint and final evaluations',
        },
        rubric,
        { max: 5 },
      ) +
        table(
          'Rubric averages',
          ['Competency', 'Midpoint', 'Final'],
          r.rubricAverages.map((c) => [c.name, c.midpointAverage, c.finalAverage]),
        ),
    ),
    section(
      'presentation',
      'Presentation scores',
      `<p>Average ${escapeXml(num(r.presentation.averageScore))} / 5 over ${escapeXml(r.presentation.panelCount)} panel scorings.</p>` +
        barChart(
          {
            id: 'chart-presentation',
            title: 'Presentation scores',
            desc: 'Average panel score per criterion and per intern, 1 to 5',
          },
          presentation,
          { max: 5 },
        ) +
        table(
          'Presentation scores by criterion',
          ['Criterion', 'Average', 'Scores'],
          r.presentation.criteria.map((c) => [c.name, c.average, c.count]),
        ),
    ),
    section(
      'offers',
      'Return offers',
      barChart(
        {
          id: 'chart-offers',
          title: 'Return offers',
          desc: offers.map((b) => `${b.label} ${b.value}`).join(', '),
        },
        offers,
      ) +
        table(
          'Return offers',
          ['Stage', 'Interns'],
          offers.map((b) => [b.label, b.value]),
        ),
    ),
    section(
      'nps',
      'Program NPS',
      `<p>NPS ${escapeXml(num(nps.score, 1))} (from −100 to 100) from ${escapeXml(nps.responses)} responses.</p>` +
        barChart(
          {
            id: 'chart-nps',
            title: 'Program NPS responses',
            desc: `NPS ${num(nps.score, 1)}: ${npsBars.map((b) => `${b.label} ${b.value}`).join(', ')}`,
          },
          npsBars,
        ),
    ),
    section(
      'calibration',
      'Mentor calibration',
      `<p>Each primary mentor's mean evaluation score minus the cohort's (${escapeXml(num(r.mentorCalibration.cohortMean))}); above the axis grades higher than the cohort, below lower.</p>` +
        divergingChart(
          {
            id: 'chart-calibration',
            title: 'Mentor calibration',
            desc: calibration.map((c) => `${c.label} ${c.value >= 0 ? '+' : ''}${c.value.toFixed(2)}`).join(', '),
          },
          calibration,
        ) +
        table(
          'Mentor calibration',
          ['Mentor', 'Mean score', 'Difference', 'Evaluations'],
          r.mentorCalibration.mentors.map((m) => [mentorName(m.mentorId), m.meanScore, m.difference, m.evaluations]),
        ),
    ),
  ];

  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeXml(title)}</title><style>${STYLE}</style></head>
<body>${riskPatterns()}<main><h1>${escapeXml(title)}</h1>
<p class="meta">Week ${escapeXml(r.currentWeek)} · ${escapeXml(r.interns)} interns · generated ${escapeXml(input.generatedAt.toISOString())}</p>
${sections.join('\n')}
</main></body></html>`;
}

/** A plain page for a refused request (401, 403, 404, 5xx): no report data. */
export function renderRefusalPage(status: number, message: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeXml(`${status}: ${message}`)}</title><style>${STYLE}</style></head>
<body><main><h1>${escapeXml(message)}</h1><p>Ask a program manager for a new report link.</p></main></body></html>`;
}
