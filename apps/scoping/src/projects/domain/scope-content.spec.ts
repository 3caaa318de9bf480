import { describe, expect, it } from '@jest/globals';
import { expectLabelled } from '#testing';
import { violationsOf as violations } from '#testing';
import { Comparator, meetsTarget, parseTarget, targetProblem } from './metric-target.js';
import { checkScopeInput, validateScope, type ScopeRules } from './scope-content.js';
import { aScope, idSequence } from './testing/scope-fixtures.js';

const rules = (over: Partial<ScopeRules> = {}): ScopeRules => ({
  programWeeks: 12,
  knownMilestoneIds: new Set(),
  baseMilestones: [],
  newId: idSequence(),
  ...over,
});

describe('metric targets', () => {
  it('parse a comparator and a number, with an optional label and unit', () => {
    expect(parseTarget('≤ 0.85')).toEqual({ comparator: Comparator.LTE, value: 0.85, suffix: null });
    expect(parseTarget('>= 2%')).toEqual({ comparator: Comparator.GTE, value: 2, suffix: '%' });
    expect(parseTarget('RMSE ≤ 0.85')).toEqual({ comparator: Comparator.LTE, value: 0.85, suffix: null });
    expect(parseTarget('CTR uplift ≥ 2 %')).toEqual({ comparator: Comparator.GTE, value: 2, suffix: '%' });
    expect(parseTarget('<200 ms')).toEqual({ comparator: Comparator.LT, value: 200, suffix: 'ms' });
    expect(parseTarget('= -1.5')).toEqual({ comparator: Comparator.EQ, value: -1.5, suffix: null });
    expect(parseTarget('500 users')).toEqual({ comparator: null, value: 500, suffix: 'users' });
    expect(parseTarget('0.9')).toEqual({ comparator: null, value: 0.9, suffix: null });
  });

  it('refuse what is not one measurable number', () => {
    for (const t of ['better', 'improve a lot', '≤', '0.8 - 0.9', '≥ 2 ≤ 3', '', 'about 5%']) {
      expectLabelled(parseTarget(t), t).toBeNull();
    }
  });

  it('need a comparator or a unit for a plain number', () => {
    expect(targetProblem('≤ 0.85', '')).toBeNull();
    expect(targetProblem('500', 'users')).toBeNull();
    expect(targetProblem('95%', '')).toBeNull();
    expect(targetProblem('500', '')).toMatch(/comparator.*or a unit/);
    expect(targetProblem('much better', 'x')).toMatch(/must be measurable/);
  });

  it('tell whether a value meets a target', () => {
    expect(meetsTarget(parseTarget('≤ 0.85')!, 0.83)).toBe(true);
    expect(meetsTarget(parseTarget('≤ 0.85')!, 0.9)).toBe(false);
    expect(meetsTarget(parseTarget('> 2')!, 2)).toBe(false);
    expect(meetsTarget(parseTarget('≥ 2%')!, 2)).toBe(true);
    expect(meetsTarget(parseTarget('< 1')!, 0.5)).toBe(true);
    expect(meetsTarget(parseTarget('= 3')!, 3)).toBe(true);
    expect(meetsTarget(parseTarget('500 users')!, 600)).toBeNull();
  });
});

/** A scope wrong in every field validateScope and checkScopeInput check. */
const everythingWrong = {
  title: '',
  problemStatement: 'Why',
  objectives: [],
  successMetrics: [
    { name: 'RMSE', target: 'lower', unit: '' },
    { name: 'rmse', target: '500', unit: '' },
  ],
  deliverables: ['ok', ' '],
  milestones: [
    { title: 'A', dueWeek: 8, acceptanceCriteria: ['x'] },
    { title: '', dueWeek: 5, acceptanceCriteria: [] },
    { title: 'C', dueWeek: 15, acceptanceCriteria: ['y'] },
  ],
};
/** The fields of everythingWrong whose faults show without the program's rules. */
const inputFaults = [
  'title',
  'objectives',
  'deliverables[1]',
  'successMetrics[0].target',
  'successMetrics[1].name',
  'successMetrics[1].target',
  'milestones[1].title',
  'milestones[1].dueWeek',
  'milestones[1].acceptanceCriteria',
];

describe('validateScope', () => {
  it('returns the scope trimmed, with parsed metrics and new milestone ids', () => {
    const scope = validateScope(aScope({ title: '  Session recs ' }), rules());
    expect(scope.title).toBe('Session recs');
    expect(scope.successMetrics[0]).toEqual({
      name: 'RMSE',
      target: '≤ 0.85',
      unit: 'rating points',
      comparator: Comparator.LTE,
      targetValue: 0.85,
    });
    expect(scope.milestones.map((m) => m.id)).toEqual(['m-1', 'm-2']);
  });

  it('names every violation at once, by field path', () => {
    const found = violations(() => validateScope(everythingWrong, rules())).map((v) => v.field);
    // The input's own faults, then what needs the program: week 15 of 12.
    expect(found).toEqual([...inputFaults, 'milestones[2].dueWeek']);
  });

  it('keeps milestones inside the intern’s own program, extended weeks included', () => {
    const week15 = aScope({ milestones: [{ title: 'Late', dueWeek: 15, acceptanceCriteria: ['x'] }] });
    const [v] = violations(() => validateScope(week15, rules()));
    expect(v).toEqual({ field: 'milestones[0].dueWeek', message: expect.stringMatching(/1 to 12.*week 15/) });
    expect(() => validateScope(week15, rules({ programWeeks: 15 }))).not.toThrow();
    const week0 = aScope({ milestones: [{ title: 'Zero', dueWeek: 0, acceptanceCriteria: ['x'] }] });
    expect(violations(() => validateScope(week0, rules()))[0]!.field).toBe('milestones[0].dueWeek');
  });

  it('wants due weeks in order (equal weeks are fine)', () => {
    const same = aScope({
      milestones: [
        { title: 'A', dueWeek: 4, acceptanceCriteria: ['x'] },
        { title: 'B', dueWeek: 4, acceptanceCriteria: ['x'] },
      ],
    });
    expect(() => validateScope(same, rules())).not.toThrow();
    const backwards = aScope({
      milestones: [
        { title: 'A', dueWeek: 6, acceptanceCriteria: ['x'] },
        { title: 'B', dueWeek: 4, acceptanceCriteria: ['x'] },
      ],
    });
    const [v] = violations(() => validateScope(backwards, rules()));
    expect(v!.field).toBe('milestones[1].dueWeek');
    expect(v!.message).toMatch(/milestones\[0\]\.dueWeek \(week 6\)/);
  });

  it('needs at least one objective, one measurable metric and one milestone', () => {
    const fields = violations(() =>
      validateScope(aScope({ objectives: undefined, successMetrics: [], milestones: null }), rules()),
    ).map((v) => v.field);
    expect(fields).toEqual(['objectives', 'successMetrics', 'milestones']);
  });

  it('lets a milestone keep a known id once, and refuses unknown or repeated ids', () => {
    const known = rules({ knownMilestoneIds: new Set(['keep-me']) });
    const fields = violations(() =>
      validateScope(
        aScope({
          milestones: [
            { id: 'keep-me', title: 'A', dueWeek: 3, acceptanceCriteria: ['x'] },
            { id: 'keep-me', title: 'B', dueWeek: 4, acceptanceCriteria: ['x'] },
            { id: 'nope', title: 'C', dueWeek: 5, acceptanceCriteria: ['x'] },
          ],
        }),
        known,
      ),
    ).map((v) => v.field);
    expect(fields).toEqual(['milestones[1].id', 'milestones[2].id']);
  });
});

describe('checkScopeInput', () => {
  it('names what is wrong with the input on its own, as validateScope does, by field path', () => {
    const found = violations(() => checkScopeInput(everythingWrong));
    expect(found.map((v) => v.field)).toEqual(inputFaults);
    // Each with validateScope's own message.
    const full = violations(() => validateScope(everythingWrong, rules()));
    expect(full).toEqual(expect.arrayContaining(found));
    expect(() => checkScopeInput(aScope())).not.toThrow();
  });

  it('leaves the program’s length and the project’s milestone ids to validateScope', () => {
    const week15 = aScope({
      milestones: [{ id: 'm-elsewhere', title: 'Late', dueWeek: 15, acceptanceCriteria: ['x'] }],
    });
    expect(() => checkScopeInput(week15)).not.toThrow();
    expect(violations(() => validateScope(week15, rules())).map((v) => v.field)).toEqual([
      'milestones[0].dueWeek',
      'milestones[0].id',
    ]);
  });

  it('refuses weeks before week 1, weeks out of order, repeated and non-text ids whatever the program', () => {
    const found = violations(() =>
      checkScopeInput(
        aScope({
          milestones: [
            { title: 'A', dueWeek: 0, acceptanceCriteria: ['x'] },
            { id: 'keep-me', title: 'B', dueWeek: 20, acceptanceCriteria: ['x'] },
            { id: 'keep-me', title: 'C', dueWeek: 6, acceptanceCriteria: ['x'] },
            { id: 7, title: 'D', dueWeek: 6.5, acceptanceCriteria: ['x'] },
          ],
        }),
      ),
    );
    expect(found).toEqual([
      { field: 'milestones[0].dueWeek', message: expect.stringMatching(/from week 1 \(week 0 is outside it\)/) },
      { field: 'milestones[2].dueWeek', message: expect.stringMatching(/milestones\[1\]\.dueWeek \(week 20\)/) },
      { field: 'milestones[2].id', message: 'repeats milestones[1].id' },
      { field: 'milestones[3].dueWeek', message: 'must be a whole week number' },
      { field: 'milestones[3].id', message: expect.stringMatching(/is not a milestone of this project/) },
    ]);
  });
});
