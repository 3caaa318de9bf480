/**
 * What the e2e tier's global set-up started, for the tests to reach: the gateway's URL, each
 * app's own port, its ops port (`/metrics`) and the folder of their logs. The set-up runs in
 * Jest's parent process before any test file; it hands these on through the environment, which
 * every test worker inherits.
 */
export interface E2eSystem {
  gatewayUrl: string;
  servicePorts: Record<string, number>;
  /** Each app's ops listener: `/metrics` (only there) and health. */
  opsPorts: Record<string, number>;
  logDir: string;
  /** Where the SMTP catcher the gateway mails through writes each mail (a .eml file). */
  mailDir: string;
}

/** Set by ../global-setup.js (plain JavaScript, which cannot import this file). */
export const E2E_SYSTEM_ENV = 'MENTORFLOW_E2E_SYSTEM';

export function inject<K extends keyof E2eSystem>(key: K): E2eSystem[K] {
  const raw = process.env[E2E_SYSTEM_ENV];
  if (!raw) throw new Error(`${E2E_SYSTEM_ENV} is not set: run the e2e tier through Jest (npm test -- --selectProjects e2e)`);
  return (JSON.parse(raw) as E2eSystem)[key];
}
