import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startTestApi, TestApi } from './support/test-api';

const run = promisify(execFile);
const SCRIPT = join(__dirname, '..', '..', '..', 'scripts', 'web-api-types.cjs');

describe('web API types', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('apps/web/src/api/schema.d.ts is what openapi-typescript makes of the current spec (else: npm run openapi:types with the API up)', async () => {
    const spec = (await api.http().get('/api/openapi.json').expect(200)).body;
    const specFile = join(mkdtempSync(join(tmpdir(), 'openapi-')), 'openapi.json');
    writeFileSync(specFile, JSON.stringify(spec));
    const { stdout } = await run(process.execPath, [SCRIPT, '--spec', specFile, '--check']);
    expect(stdout).toContain('web API types are current');
  });
});
