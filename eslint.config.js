import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'infra/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  // ---- the persistence edge (docs/CONVENTIONS.md, "Shared scaffolding and the persistence edge") -------
  // Domain code is plain TypeScript: no framework, persistence or messaging import.
  {
    files: ['apps/*/src/**/domain/**/*.ts', 'libs/*/src/**/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          // `paths`: a pattern starting with # would be a comment in the gitignore syntax of `patterns`.
          paths: ['#messaging', '#platform'].map((name) => ({
            name,
            message: 'domain/ is plain TypeScript: no Nest, TypeORM, Kafka, Postgres, #messaging or #platform.',
          })),
          patterns: [
            {
              group: ['@nestjs/*', 'typeorm', 'typeorm/*', 'kafkajs', 'pg', 'pg/*'],
              message: 'domain/ is plain TypeScript: no Nest, TypeORM, Kafka, Postgres, #messaging or #platform.',
            },
            {
              group: ['**/persistence/*', '**/graphql/*', '**/commands/*', '**/events/*'],
              message: 'domain/ depends on nothing outside the domain.',
            },
          ],
        },
      ],
    },
  },
  // SQL only in persistence/ (and in migrations, the libraries and tests): a `.query(` call elsewhere
  // belongs in a repository.
  {
    files: ['apps/**/*.ts'],
    ignores: [
      'apps/*/src/**/persistence/**',
      'apps/*/src/**/migrations/**',
      'apps/*/src/testing/**',
      'apps/**/*.spec.ts',
      'apps/**/*.integration-spec.ts',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.type='MemberExpression'][callee.property.name='query']",
          message: 'SQL lives in persistence/ (a repository or a projection store), not here.',
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.js', 'test/**/*.js', 'jest.config.js'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly', fetch: 'readonly', URL: 'readonly', TextEncoder: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', globalThis: 'readonly' } },
  },
);
