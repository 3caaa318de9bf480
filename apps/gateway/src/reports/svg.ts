/**
 * Charts of the cohort report page, drawn on the server as inline SVG (no script, no external
 * resource). Every chart is `role="img"` with a `<title>` and `<desc>` (aria-labelledby), every
 * figure is written as text beside its bar or in its cell, and risk cells carry their level's
 * letter and a pattern as well as a colour: colour is never the only signal. All text is escaped.
 */

/** Text for HTML and SVG content and attribute values. */
export function escapeXml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface Bar {
  label: string;
  value: number | null;
  /** Shown instead of the value (e.g. "3.4 / 5"); default the value. */
  text?: string;
}

export interface ChartText {
  /** Unique within the page: ids of the title and desc derive from it. */
  id: string;
  title: string;
  desc: string;
}

/** Labels beside bars and rows: at most 26 characters drawn (the full text is in the page's tables). */
export function shortLabel(label: string, max = 26): string {
  const chars = [...label];
  return chars.length <= max ? label : `${chars.slice(0, max - 1).join('')}…`;
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));

/** What an empty chart shows (it is still drawn, so the page's layout and its checks do not depend on the data). */
export const NO_DATA = 'No data yet';
const noData = (x: number) => `<text x="${x}" y="20" class="no-data">${NO_DATA}</text>`;

function frame({ id, title, desc }: ChartText, width: number, height: number, body: string): string {
  const sid = escapeXml(id);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" id="${sid}" ` +
    `viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" aria-labelledby="${sid}-title ${sid}-desc">` +
    `<title id="${sid}-title">${escapeXml(title)}</title><desc id="${sid}-desc">${escapeXml(desc)}</desc>${body}</svg>`
  );
}

/**
 * Horizontal bars, one per item, each with its label and value written out. `max` fixes the scale
 * (e.g. 5 for a rubric); default the largest value. A null value draws no bar and reads "no data".
 */
export function barChart(text: ChartText, bars: readonly Bar[], options: { max?: number } = {}): string {
  const labelWidth = 180;
  const plot = 320;
  const row = 26;
  const width = labelWidth + plot + 80;
  const height = Math.max(bars.length, 1) * row + 8;
  const max = options.max ?? Math.max(1, ...bars.map((b) => b.value ?? 0));
  const rows = bars
    .map((bar, i) => {
      const y = 4 + i * row;
      const w = bar.value === null ? 0 : Math.max(0, Math.min(1, bar.value / max)) * plot;
      const shown = bar.value === null ? 'no data' : (bar.text ?? fmt(bar.value));
      return (
        `<g class="bar"><text x="${labelWidth - 6}" y="${y + 16}" text-anchor="end">${escapeXml(shortLabel(bar.label))}</text>` +
        `<rect x="${labelWidth}" y="${y + 3}" width="${w.toFixed(1)}" height="${row - 8}" class="bar-fill"/>` +
        `<text x="${(labelWidth + w + 6).toFixed(1)}" y="${y + 16}">${escapeXml(shown)}</text></g>`
      );
    })
    .join('');
  return frame(text, width, height, bars.length ? rows : noData(labelWidth));
}

export type Risk = 'GREEN' | 'AMBER' | 'RED';

/** Fill patterns per level (defined once per page by `riskPatterns`). */
const RISK_STYLE: Record<Risk, { fill: string; letter: string }> = {
  GREEN: { fill: 'url(#risk-green)', letter: 'G' },
  AMBER: { fill: 'url(#risk-amber)', letter: 'A' },
  RED: { fill: 'url(#risk-red)', letter: 'R' },
};

/**
 * The patterns of the risk levels, in a hidden SVG of its own (not a chart): GREEN plain, AMBER
 * hatched, RED cross-hatched, each also lettered in its cell.
 */
export function riskPatterns(): string {
  const pattern = (id: string, colour: string, lines: string) =>
    `<pattern id="${id}" patternUnits="userSpaceOnUse" width="6" height="6">` +
    `<rect width="6" height="6" fill="${colour}"/>${lines}</pattern>`;
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" width="0" height="0" aria-hidden="true" focusable="false" style="position:absolute"><defs>' +
    pattern('risk-green', '#7fc97f', '') +
    pattern('risk-amber', '#fdc04f', '<path d="M0,6 L6,0" stroke="#7a5200" stroke-width="1"/>') +
    pattern('risk-red', '#e8564a', '<path d="M0,6 L6,0 M0,0 L6,6" stroke="#5a0000" stroke-width="1"/>') +
    '</defs></svg>'
  );
}

export interface HeatRow {
  label: string;
  /** One cell per column; null: no level known. */
  cells: readonly (Risk | null)[];
}

/** A grid of risk levels: a row per intern, a column per week (or one column "now"). */
export function riskHeatMap(text: ChartText, columns: readonly string[], rows: readonly HeatRow[]): string {
  const labelWidth = 180;
  const cell = 34;
  const top = 22;
  const width = labelWidth + Math.max(columns.length, 1) * cell + 10;
  const height = top + Math.max(rows.length, 1) * cell + 6;
  const head = columns
    .map((c, j) => `<text x="${labelWidth + j * cell + cell / 2}" y="16" text-anchor="middle">${escapeXml(c)}</text>`)
    .join('');
  const body = rows
    .map((row, i) => {
      const y = top + i * cell;
      const cells = row.cells
        .map((level, j) => {
          const x = labelWidth + j * cell;
          if (!level)
            return `<rect x="${x + 2}" y="${y + 2}" width="${cell - 4}" height="${cell - 4}" class="cell-empty"/>`;
          const style = RISK_STYLE[level];
          return (
            `<g class="cell risk-${level.toLowerCase()}"><title>${escapeXml(`${row.label}, ${columns[j] ?? ''}: ${level}`)}</title>` +
            `<rect x="${x + 2}" y="${y + 2}" width="${cell - 4}" height="${cell - 4}" fill="${style.fill}" stroke="#333"/>` +
            `<text x="${x + cell / 2}" y="${y + cell / 2 + 5}" text-anchor="middle" class="cell-letter">${style.letter}</text></g>`
          );
        })
        .join('');
      return `<g class="heat-row"><text x="${labelWidth - 6}" y="${y + cell / 2 + 5}" text-anchor="end">${escapeXml(shortLabel(row.label))}</text>${cells}</g>`;
    })
    .join('');
  return frame(text, width, height, rows.length ? head + body : noData(labelWidth));
}

/** A diverging bar per mentor: their mean minus the cohort's, left of the axis below it, right above. */
export function divergingChart(text: ChartText, bars: readonly { label: string; value: number }[]): string {
  const labelWidth = 180;
  const half = 160;
  const row = 26;
  const width = labelWidth + 2 * half + 70;
  const height = Math.max(bars.length, 1) * row + 8;
  const max = Math.max(0.5, ...bars.map((b) => Math.abs(b.value)));
  const axis = labelWidth + half;
  const rows = bars
    .map((bar, i) => {
      const y = 4 + i * row;
      const w = (Math.abs(bar.value) / max) * half;
      const x = bar.value < 0 ? axis - w : axis;
      const sign = bar.value > 0 ? '+' : '';
      return (
        `<g class="bar"><text x="${labelWidth - 6}" y="${y + 16}" text-anchor="end">${escapeXml(shortLabel(bar.label))}</text>` +
        `<rect x="${x.toFixed(1)}" y="${y + 3}" width="${w.toFixed(1)}" height="${row - 8}" class="${bar.value < 0 ? 'bar-below' : 'bar-fill'}"/>` +
        `<text x="${axis + half + 6}" y="${y + 16}">${escapeXml(sign + bar.value.toFixed(2))}</text></g>`
      );
    })
    .join('');
  return frame(
    text,
    width,
    height,
    bars.length ? `<line x1="${axis}" x2="${axis}" y1="0" y2="${height}" stroke="#333"/>${rows}` : noData(labelWidth),
  );
}
