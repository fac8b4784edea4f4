import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const REPO_ROOT = join(__dirname, '..', '..', '..');

// ESLint loads eslint.config.mjs with import(), which jest's CommonJS sandbox cannot do: a plain Node process
// lints each fixture with ESLint's Node API (lintText), after making sure Nx's project graph is cached
// (without one, @nx/enforce-module-boundaries skips silently).
const LINT_FIXTURES = `
import { ESLint } from 'eslint';
import devkit from '@nx/devkit';
await devkit.createProjectGraphAsync({ exitOnError: true });
const eslint = new ESLint({ cwd: process.cwd() });
const fixtures = JSON.parse(process.argv[1]);
const results = {};
for (const [filePath, code] of Object.entries(fixtures)) {
  const [result] = await eslint.lintText(code, { filePath });
  results[filePath] = result.messages.map((message) => message.ruleId + ': ' + message.message);
}
process.stdout.write(JSON.stringify(results));
`;

async function lintFixtures(fixtures: Record<string, string>): Promise<Record<string, string[]>> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--input-type=module', '-e', LINT_FIXTURES, JSON.stringify(fixtures)],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, NX_DAEMON: 'false' },
      maxBuffer: 10 * 1024 * 1024,
    },
  );
  return JSON.parse(stdout);
}

describe('module boundaries (eslint.config.mjs + the tags in each project.json)', () => {
  let messages: Record<string, string[]>;
  const fixtures = {
    'libs/domain/src/boundary-fixture-engine.ts':
      "import { EventMatcher } from '@automations/engine';\nexport const uses = EventMatcher;\n",
    'libs/domain/src/boundary-fixture-io.ts':
      "import { Client } from 'pg';\nimport { readFileSync } from 'node:fs';\nexport const uses = [Client, readFileSync];\n",
    'apps/web/src/boundary-fixture.ts':
      "import { EventMatcher } from '@automations/engine';\nimport { DataSource } from 'typeorm';\nexport const uses = [EventMatcher, DataSource];\n",
    'apps/worker/src/boundary-fixture.ts':
      "import { AppModule } from '../../api/src/app.module';\nexport const uses = AppModule;\n",
    'libs/engine/src/boundary-fixture.ts':
      "import { eventually } from '@automations/testing';\nexport const uses = eventually;\n",
    'libs/engine/src/boundary-fixture-allowed.ts':
      "import { triggerCatalog } from '@automations/domain';\nimport { WorkflowEntity } from '@automations/persistence';\nexport const uses = [triggerCatalog, WorkflowEntity];\n",
  };

  beforeAll(async () => {
    messages = await lintFixtures(fixtures);
  }, 120_000);

  it('libs/domain cannot import the engine', () => {
    expect(messages['libs/domain/src/boundary-fixture-engine.ts']).toEqual([
      expect.stringMatching(
        /^@nx\/enforce-module-boundaries: Circular dependency between "@automations\/domain" and "@automations\/engine"/,
      ),
    ]);
  });

  it('libs/domain cannot import I/O packages or Node I/O modules', () => {
    expect(messages['libs/domain/src/boundary-fixture-io.ts']).toEqual([
      '@nx/enforce-module-boundaries: A project tagged with "type:domain" is not allowed to import "pg"',
      expect.stringMatching(/^no-restricted-imports: 'node:fs' import is restricted/),
    ]);
  });

  it('the SPA can import only libs/domain, and no server package', () => {
    expect(messages['apps/web/src/boundary-fixture.ts']).toEqual([
      '@nx/enforce-module-boundaries: A project tagged with "scope:web" can only depend on libs tagged with "type:domain"',
      '@nx/enforce-module-boundaries: A project tagged with "scope:web" is not allowed to import "typeorm"',
    ]);
  });

  it('an app cannot reach into another app', () => {
    expect(messages['apps/worker/src/boundary-fixture.ts']).toEqual([
      '@nx/enforce-module-boundaries: Projects cannot be imported by a relative or absolute path, and must begin with a npm scope',
    ]);
  });

  it('production code cannot import libs/testing', () => {
    expect(messages['libs/engine/src/boundary-fixture.ts']).toEqual([
      '@nx/enforce-module-boundaries: A project tagged with "type:engine" can only depend on libs tagged with "type:domain", "type:persistence", "type:engine"',
    ]);
  });

  it('the engine may import the domain and persistence', () => {
    expect(messages['libs/engine/src/boundary-fixture-allowed.ts']).toEqual([]);
  });
});
