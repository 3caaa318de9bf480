import ts from 'typescript';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

// Three tiers: *.spec.ts beside the code (pure), *.integration-spec.ts against the real Postgres
// and Kafka, and test/e2e through the gateway with every service running.
const conditions = ['mentorflow-source', 'module', 'node', 'development|production'];

// NestJS needs decorator metadata, which Vite's own TypeScript transform does not emit: our
// sources go through TypeScript's transpiler (per file, like isolatedModules) instead.
const typescriptWithDecoratorMetadata: Plugin = {
  name: 'mentorflow-typescript-decorator-metadata',
  enforce: 'pre',
  transform(code, id) {
    if (!id.endsWith('.ts') || id.includes('/node_modules/')) return null;
    const out = ts.transpileModule(code, {
      fileName: id,
      compilerOptions: {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        experimentalDecorators: true,
        emitDecoratorMetadata: true,
        useDefineForClassFields: false,
        sourceMap: true,
        inlineSources: true,
      },
    });
    return { code: out.outputText, map: out.sourceMapText ? JSON.parse(out.sourceMapText) : null };
  },
};

const shared = {
  plugins: [typescriptWithDecoratorMetadata],
  oxc: false as const,
  resolve: { conditions },
  ssr: { resolve: { conditions } },
};

export default defineConfig({
  ...shared,
  test: {
    reporters: ['default'],
    projects: [
      {
        ...shared,
        test: { name: 'unit', include: ['apps/**/*.spec.ts', 'libs/**/*.spec.ts', 'test/**/*.spec.ts'], environment: 'node' },
      },
      {
        ...shared,
        test: {
          name: 'integration',
          include: ['apps/**/*.integration-spec.ts', 'libs/**/*.integration-spec.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        ...shared,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e-spec.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        ...shared,
        test: {
          name: 'faults',
          include: ['test/faults/**/*.fault-spec.ts'],
          environment: 'node',
          testTimeout: 600_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
