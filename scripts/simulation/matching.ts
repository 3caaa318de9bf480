import type { Run } from './context.js';
import { GQL } from './operations.js';
import { brief, SimulationStepError } from './support.js';

/**
 * Week 1: once the mentors service has projected every enrollment, each intern gets the primary
 * mentor matchSuggestions proposes (within this run's mentors and their capacity), else the least
 * loaded of this run's mentors.
 */
export async function matchAndAssign(run: Run): Promise<void> {
  const { client, pm, cohortId, plan } = run;
  const internCount = plan.interns.length;
  const suggestions = await run.until(
    `the mentors service to project all ${internCount} InternEnrolled events (matchSuggestions for every intern)`,
    async (seen) => {
      const r = await client.send(pm, GQL.matchSuggestions, { cohortId });
      seen(r.errors ?? `${r.value?.length} suggestions`);
      return r.value?.length === internCount ? r.value : undefined;
    },
  );
  const ours = new Set(plan.mentors.map((m) => m.id));
  const load = new Map(plan.mentors.map((m) => [m.id, 0]));
  const chosen = new Map<string, string>();
  const take = (internId: string, mentorId: string) => {
    chosen.set(internId, mentorId);
    load.set(mentorId, (load.get(mentorId) ?? 0) + 1);
  };
  let suggestedTaken = 0;
  for (const s of suggestions) {
    const mentorId = s.mentor?.id;
    if (mentorId && ours.has(mentorId) && (load.get(mentorId) ?? 0) < plan.capacity) {
      take(s.intern.id, mentorId);
      suggestedTaken++;
    }
  }
  for (const i of plan.interns) {
    if (chosen.has(i.id)) continue;
    // A suggestion outside this run's mentors (a shared system): the least loaded of ours instead.
    take(i.id, [...load].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))[0][0]);
  }
  await run.all(plan.interns, async (i) => {
    const mentorId = chosen.get(i.id) ?? '';
    const what = `assignMentor ${mentorId} → ${i.id}`;
    const assigned = await client.call(what, pm, GQL.assignMentor, {
      input: { internId: i.id, mentorId, role: 'PRIMARY' },
    });
    if (!assigned.active || assigned.role !== 'PRIMARY') {
      throw new SimulationStepError(what, `  answer: ${brief({ assignMentor: assigned })}`);
    }
    i.mentorId = mentorId;
  });
  run.log(
    `• week 1: ${suggestions.length} match suggestions, ${suggestedTaken} taken as suggested; ${internCount} primaries assigned`,
  );
}
