import type { E2eGlobal } from './global-setup.js';

/** Stops the processes that global-setup.ts started. */
export default async function teardown(): Promise<void> {
  const global = globalThis as E2eGlobal;
  await global.mentorflowE2eSystem?.stop();
  delete global.mentorflowE2eSystem;
}
