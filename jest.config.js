// Jest, in native ESM mode (the Nest 12 packages are ESM; run with --experimental-vm-modules,
// which `npm test` does). Six tiers as projects, run one after another by scripts/test.js:
// *.spec.ts beside the code (pure), *.integration-spec.ts against the real Postgres and Kafka,
// test/e2e through the gateway with every service running, test/security (attacks and a fuzz
// against the started system), test/faults, and test/scale (two replicas of every app).
//
// TypeScript goes through SWC, file by file, with decorator metadata for Nest; type checking is
// the separate `npm run typecheck` step. `#contracts`-style imports resolve to the sources.

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    sourceMaps: 'inline',
  },
];

// ESM-only packages that a CommonJS package require()s (@fastify/static → content-disposition,
// light-my-request → cookie, @mercuriusjs/gateway → p-map). Node 20 runs that natively; Jest's module runtime can only on Node 24.9+,
// so on 20 these few are compiled to CommonJS when required (and left ESM when imported).
const requiredEsmPackages = ['content-disposition', 'cookie', 'p-map'];
const swcJs = ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' } }];

const libs = ['contracts', 'ddd', 'calendar', 'messaging', 'platform', 'auth', 'testing'];

const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: { '^.+\\.ts$': swc, [`/node_modules/(${requiredEsmPackages.join('|')})/.+\\.js$`]: swcJs },
  transformIgnorePatterns: [`/node_modules/(?!(${requiredEsmPackages.join('|')})/)`],
  moduleNameMapper: {
    ...Object.fromEntries(libs.map((lib) => [`^#${lib}$`, `<rootDir>/libs/${lib}/src/index.ts`])),
    // Sources import './x.js' (NodeNext); under Jest that is the './x.ts' beside it.
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/.data/'],
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.data/'],
};

/** @type {import('jest').Config} */
export default {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs}/**/*.integration-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/jest/tier-timeouts.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/e2e/global-setup.js',
      globalTeardown: '<rootDir>/test/e2e/global-teardown.js',
      setupFilesAfterEnv: ['<rootDir>/test/jest/tier-timeouts.ts'],
    },
    {
      ...common,
      displayName: 'security',
      // Issue 11's attacks and a schema-driven fuzz, against the system the e2e set-up starts.
      testMatch: ['<rootDir>/test/security/**/*.security-spec.ts'],
      globalSetup: '<rootDir>/test/e2e/global-setup.js',
      globalTeardown: '<rootDir>/test/e2e/global-teardown.js',
      setupFilesAfterEnv: ['<rootDir>/test/security/setup.ts'],
    },
    {
      ...common,
      displayName: 'faults',
      testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/jest/tier-timeouts.ts'],
    },
    {
      ...common,
      displayName: 'scale',
      // Two replicas of every app behind round-robin fronts, under load, through a kill and a rolling deploy.
      testMatch: ['<rootDir>/test/scale/**/*.scale-spec.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/jest/tier-timeouts.ts'],
    },
  ],
};
