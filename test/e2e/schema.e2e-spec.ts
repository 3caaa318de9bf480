import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from '@jest/globals';
import { expectLabelled } from '#testing';
import { inject } from './support/system.js';
import { compareSchemas, fetchSupergraphSdl, SCHEMA_FILE } from '../../scripts/schema-check.js';
import { signIn } from './support/client.js';

// Schema safety in CI: the schema the gateway composes must be the committed
// schema/supergraph.graphql. A change without the commit fails here, listing the diff and what
// it breaks for clients; `npm run schema:update` rewrites the file (or this test, run with
// SCHEMA_UPDATE=1, from the system the e2e tier started).
describe('the composed supergraph schema', () => {
  it('is the committed schema/supergraph.graphql', async () => {
    const current = await fetchSupergraphSdl(inject('gatewayUrl'), await signIn('schema-e2e', 'PROGRAM_MANAGER'));
    const committed = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, 'utf8') : '';
    const result = compareSchemas(committed, current);
    if (process.env.SCHEMA_UPDATE === '1') {
      fs.mkdirSync(path.dirname(SCHEMA_FILE), { recursive: true });
      fs.writeFileSync(SCHEMA_FILE, current);
      return;
    }
    const report = [
      result.breaking.length ? `Breaking changes:\n  ${result.breaking.join('\n  ')}` : 'No breaking change.',
      result.dangerous.length ? `Dangerous changes:\n  ${result.dangerous.join('\n  ')}` : '',
      result.diff,
      'Run `npm run schema:update` and commit schema/supergraph.graphql.',
    ]
      .filter(Boolean)
      .join('\n\n');
    expectLabelled(result.changed, report).toBe(false);
  });
});
