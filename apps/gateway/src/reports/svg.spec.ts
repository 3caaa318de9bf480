import { describe, expect, it } from '@jest/globals';
import { barChart, divergingChart, escapeXml, riskHeatMap, riskPatterns } from './svg.js';

const text = { id: 'funnel', title: 'Enrolment funnel', desc: '5 enrolled, 3 active' };
const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;

describe('report charts (inline SVG)', () => {
  it('escapes markup and quotes', () => {
    expect(escapeXml(`<script>alert("x")</script> & 'y'`)).toBe(
      '&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; &#39;y&#39;',
    );
    expect(escapeXml(null)).toBe('');
  });

  it('draws a bar per item as an accessible image, its values written out', () => {
    const svg = barChart(text, [
      { label: 'Enrolled', value: 5 },
      { label: 'Active', value: 3 },
      { label: 'Withdrawn', value: 0 },
      { label: 'NPS', value: null },
    ]);
    expect(svg).toMatch(/^<svg [^>]*role="img"[^>]*aria-labelledby="funnel-title funnel-desc"/);
    expect(svg).toContain('<title id="funnel-title">Enrolment funnel</title>');
    expect(svg).toContain('<desc id="funnel-desc">5 enrolled, 3 active</desc>');
    expect(count(svg, /<rect /g)).toBe(4);
    expect(svg).toContain('width="320.0"'); // the largest fills the plot
    expect(svg).toContain('width="192.0"'); // 3 of 5
    expect(svg).toContain('>no data</text>');
    expect(svg).not.toMatch(/NaN|Infinity/);
  });

  it('scales to a fixed maximum and shows the given text', () => {
    const svg = barChart(text, [{ label: 'Design', value: 2.5, text: '2.50 / 5' }], { max: 5 });
    expect(svg).toContain('width="160.0"');
    expect(svg).toContain('>2.50 / 5</text>');
  });

  it('draws a risk cell per intern and column, lettered and patterned, not colour alone', () => {
    const svg = riskHeatMap(
      { id: 'risk', title: 'Risk', desc: 'd' },
      ['now'],
      [
        { label: 'Ada', cells: ['GREEN'] },
        { label: 'Bob', cells: ['AMBER'] },
        { label: '<script>x</script>', cells: ['RED'] },
        { label: 'Cy', cells: [null] },
      ],
    );
    expect(count(svg, /class="cell risk-/g)).toBe(3);
    expect(svg).toContain('fill="url(#risk-red)"');
    expect(svg).toMatch(/class="cell-letter">G</);
    expect(svg).toMatch(/class="cell-letter">A</);
    expect(svg).toMatch(/class="cell-letter">R</);
    expect(svg).toContain('&#60;script&#62;x&#60;/script&#62;');
    expect(
      riskHeatMap({ id: 'r', title: 't', desc: 'd' }, ['now'], [{ label: 'A'.repeat(40), cells: ['RED'] }]),
    ).toContain(`>${'A'.repeat(25)}…</text>`);
    expect(svg).not.toContain('<script>');
    expect(riskPatterns()).toContain('id="risk-amber"');
    expect(riskPatterns()).toContain('aria-hidden="true"');
  });

  it('still draws an empty chart, saying there is no data yet', () => {
    for (const svg of [
      barChart(text, []),
      riskHeatMap({ id: 'r', title: 't', desc: 'd' }, ['now'], []),
      divergingChart({ id: 'c', title: 't', desc: 'd' }, []),
    ]) {
      expect(svg).toMatch(/^<svg [^>]*role="img"/);
      expect(svg).toContain('>No data yet</text>');
    }
  });

  it('draws mentor calibration either side of the axis with signed values', () => {
    const svg = divergingChart({ id: 'cal', title: 'Calibration', desc: 'd' }, [
      { label: 'M1', value: 0.5 },
      { label: 'M2', value: -0.25 },
    ]);
    expect(svg).toContain('class="bar-below"');
    expect(svg).toContain('>+0.50</text>');
    expect(svg).toContain('>-0.25</text>');
  });
});
