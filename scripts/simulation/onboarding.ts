import type { Run } from './context.js';
import { GQL } from './operations.js';
import { brief, SimulationStepError } from './support.js';

/** Week 1: every intern completes every onboarding task; the enrollment is then ACTIVE. */
export async function onboard(run: Run): Promise<void> {
  const { client, cohortId, cohort, plan } = run;
  await run.all(plan.interns, async (i) => {
    let enrollment: { status: string } | undefined;
    for (const task of cohort.tasks) {
      enrollment = await client.call(`completeOnboardingTask ${i.id} ${task.id}`, i.token, GQL.completeOnboardingTask, {
        input: { cohortId, taskId: task.id },
      });
    }
    if (enrollment?.status !== 'ACTIVE') {
      throw new SimulationStepError(
        `onboarding of ${i.id}`,
        `  after every task the enrollment is ${brief(enrollment)}, not ACTIVE`,
      );
    }
  });
  run.log(`• week 1: ${plan.interns.length} interns onboarded (${cohort.tasks.length} tasks each)`);
}
