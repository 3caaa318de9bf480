// Stops the processes that global-setup.js started.
export default async function teardown() {
  await globalThis.mentorflowE2eSystem?.stop();
  delete globalThis.mentorflowE2eSystem;
}
