import { jest } from '@jest/globals';

// The security tier talks to the started system (test/e2e/global-setup.js): each test and hook
// may take this long (Jest takes `testTimeout` from its global configuration only, not per project).
jest.setTimeout(180_000);
