import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { ESLint } from 'eslint';

// The persistence edge of eslint.config.js bites: domain/ imports no framework, persistence or
// messaging code, and SQL (a `.query(` call) is refused outside persistence/, migrations and tests.
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const eslint = new ESLint({ cwd: REPO });

/** The rules a snippet breaks, as if it were the file at `filePath` (which need not exist). */
async function broken(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO, filePath) });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

const SQL = `export async function load(db: { query(sql: string): Promise<unknown> }) {\n  return db.query('SELECT 1');\n}\n`;

describe('eslint: the persistence edge', () => {
  it.each([
    `import { Injectable } from '@nestjs/common';`,
    `import { Column } from 'typeorm';`,
    `import type { EntityManager } from 'typeorm';`,
    `import { Kafka } from 'kafkajs';`,
    `import pg from 'pg';`,
    `import { outgoing } from '#messaging';`,
    `import { requiredId } from '#platform';`,
    `import { MentorRepository } from '../persistence/mentor.repository.js';`,
  ])('keeps domain/ free of %s', async (line) => {
    const code = `${line}\nexport const used = [${/import (type )?\{ (\w+)/.exec(line)?.[2] ?? 'pg'}];\n`;
    const errors = await broken('apps/mentors/src/mentors/domain/probe.ts', code);
    expect(errors).toEqual([expect.stringMatching(/^no-restricted-imports: /)]);
  });

  it('lets domain/ import the domain building blocks and its own files', async () => {
    const code = `import { ValidationError } from '#ddd';\nimport { Mentor } from './mentor.js';\nexport const used = [ValidationError, Mentor];\n`;
    expect(await broken('apps/mentors/src/mentors/domain/probe.ts', code)).toEqual([]);
  });

  it.each([
    'apps/scoping/src/projects/events/probe.handler.ts',
    'apps/mentors/src/mentors/commands/register-mentor/probe.handler.ts',
    'apps/cohorts/src/cohorts/graphql/probe.resolver.ts',
    'apps/gateway/src/probe.ts',
  ])('refuses SQL in %s', async (file) => {
    expect(await broken(file, SQL)).toEqual([
      expect.stringMatching(/^no-restricted-syntax: SQL lives in persistence\//),
    ]);
  });

  it.each([
    'apps/scoping/src/projects/persistence/probe.repository.ts',
    'apps/scoping/src/migrations/1733000000099-probe.ts',
    'apps/scoping/src/testing/probe-world.ts',
    'apps/scoping/src/probe.integration-spec.ts',
    'libs/messaging/src/probe.ts',
  ])('allows SQL in %s', async (file) => {
    expect(await broken(file, SQL)).toEqual([]);
  });
});
