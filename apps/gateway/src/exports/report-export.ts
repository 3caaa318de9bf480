import {
  getNamedType,
  getNullableType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLSchema,
} from 'graphql';
import type { CsvCell, CsvColumn } from './csv.js';

/**
 * `GET /exports/cohorts/:id/report.csv`: the cohort's `cohortReport` as `metric,value` rows, one
 * figure a row (a long table: new figures add rows, never columns, and a spreadsheet pivots it).
 *
 * The figures are read from the composed schema, so a figure a service adds to `CohortReport`
 * appears without a change here: every scalar field of `CohortReport` (`interns`, `passRate`…),
 * every scalar field of its object fields (`returnOffers.recommended`, `programNps.score`…), and
 * the rubric averages per competency (`rubricAverages.<COMPETENCY>.average`…). Lists of mentors
 * (calibration) and presentation criteria are left out: they are per person, not per cohort.
 * Metric names are the GraphQL field paths, in the schema's field order.
 */

const RUBRIC_FIELDS = ['average', 'midpointAverage', 'finalAverage', 'selfAverage', 'count'] as const;

interface Plan {
  /** The selection set inside `cohortReport(cohortId: $cohortId) { … }`. */
  selection: string;
  /** Scalar paths in order (`interns`, `returnOffers.yes`). */
  paths: string[][];
  /** The rubric figures selected, when the schema has `rubricAverages`. */
  rubric: string[];
}

function takesNoRequiredArgs(field: GraphQLField<unknown, unknown>): boolean {
  return field.args.every((a) => !isNonNullType(a.type) || a.defaultValue !== undefined);
}

function isScalarField(field: GraphQLField<unknown, unknown>): boolean {
  return !isListType(getNullableType(field.type)) && isLeafType(getNamedType(field.type));
}

/** Which figures of CohortReport this schema has, and the selection that reads them. */
export function planReport(schema: GraphQLSchema): Plan {
  const report = schema.getType('CohortReport');
  if (!isObjectType(report)) throw new Error('the composed schema has no CohortReport type');
  const parts: string[] = [];
  const paths: string[][] = [];
  let rubric: string[] = [];
  for (const field of Object.values(report.getFields())) {
    if (!takesNoRequiredArgs(field)) continue;
    const type = getNullableType(field.type);
    if (isScalarField(field)) {
      parts.push(field.name);
      paths.push([field.name]);
    } else if (field.name === 'rubricAverages' && isListType(type)) {
      const item = getNamedType(type);
      if (!isObjectType(item)) continue;
      const has = item.getFields();
      if (!has.competency) continue;
      rubric = RUBRIC_FIELDS.filter((f) => has[f]);
      parts.push(`rubricAverages { competency ${rubric.join(' ')} }`);
    } else if (isObjectType(type)) {
      const leaves = Object.values(type.getFields()).filter((f) => isScalarField(f) && takesNoRequiredArgs(f));
      if (leaves.length === 0) continue;
      parts.push(`${field.name} { ${leaves.map((l) => l.name).join(' ')} }`);
      for (const leaf of leaves) paths.push([field.name, leaf.name]);
    }
  }
  return { selection: parts.join(' '), paths, rubric };
}

/** The document for one cohort's report (its cohort too: null means no such cohort). */
export function reportQuery(plan: Plan): string {
  return `query ExportCohortReport($cohortId: ID!) {
  cohort(id: $cohortId) { id }
  cohortReport(cohortId: $cohortId) { ${plan.selection} }
}`;
}

export interface ReportRow {
  metric: string;
  value: CsvCell;
}

function cell(value: unknown): CsvCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

/** The report's figures as rows, in the plan's order, the rubric last. */
export function reportRows(plan: Plan, report: Record<string, unknown>): ReportRow[] {
  const rows: ReportRow[] = [];
  for (const path of plan.paths) {
    let value: unknown = report;
    for (const key of path) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : null;
    rows.push({ metric: path.join('.'), value: cell(value) });
  }
  const averages = report.rubricAverages;
  if (Array.isArray(averages)) {
    for (const item of averages as Record<string, unknown>[]) {
      for (const figure of plan.rubric) {
        rows.push({ metric: `rubricAverages.${String(item.competency)}.${figure}`, value: cell(item[figure]) });
      }
    }
  }
  return rows;
}

export const REPORT_COLUMNS: readonly CsvColumn<ReportRow>[] = [
  { header: 'metric', value: (r) => r.metric },
  { header: 'value', value: (r) => r.value },
];
