import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import nx from '@nx/eslint-plugin';

// Packages that do I/O (databases, queues, HTTP servers and clients, mail, Slack, OpenAI, logging).
// libs/domain is pure logic, and the SPA talks to the API only through fetch.
const IO_PACKAGES = [
  'pg',
  'pg-*',
  'typeorm',
  'typeorm/*',
  'ioredis',
  'bullmq',
  '@nestjs/*',
  'fastify',
  '@fastify/*',
  'nodemailer',
  'nodemailer/*',
  'smtp-server',
  '@slack/*',
  'openai',
  'openai/*',
  'undici',
  'pino',
  'prom-client',
  'rate-limiter-flexible',
  'playwright-core',
  'supertest',
];
// Node's own I/O modules: the Nx rule skips Node built-ins, so libs/domain bans them with no-restricted-imports.
const NODE_IO_MODULES = [
  'fs',
  'fs/promises',
  'net',
  'http',
  'https',
  'http2',
  'dgram',
  'dns',
  'dns/promises',
  'tls',
  'child_process',
  'cluster',
  'worker_threads',
];

/** Which projects (by tag) each project may import; `withTesting` adds libs/testing, for test files only. */
function dependencyConstraints(withTesting) {
  const testing = withTesting ? ['type:testing'] : [];
  return [
    { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain'], bannedExternalImports: IO_PACKAGES },
    { sourceTag: 'type:persistence', onlyDependOnLibsWithTags: ['type:domain', 'type:persistence', ...testing] },
    {
      sourceTag: 'type:engine',
      onlyDependOnLibsWithTags: ['type:domain', 'type:persistence', 'type:engine', ...testing],
    },
    {
      sourceTag: 'type:testing',
      onlyDependOnLibsWithTags: ['type:domain', 'type:persistence', 'type:engine', 'type:testing'],
    },
    // Apps build on the libs, never on another app (the worker and the API share code through libs).
    { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:persistence', 'type:engine', ...testing] },
    { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['type:domain'], bannedExternalImports: IO_PACKAGES },
    // The browser e2e tests drive the whole stack (API + worker + built SPA).
    {
      sourceTag: 'type:e2e',
      onlyDependOnLibsWithTags: ['type:domain', 'type:persistence', 'type:engine', 'type:testing', 'type:app'],
    },
  ];
}

// libs/testing builds its test databases with libs/persistence, whose own specs use those databases
// (the build has no cycle: the specs are not part of libs/persistence's build).
const TEST_ONLY_CYCLES = [['@automations/persistence', '@automations/testing']];

const TEST_FILES = [
  '**/*.spec.ts',
  '**/*.e2e-spec.ts',
  '**/*.test.ts',
  '**/*.test.tsx',
  'apps/*/test/**',
  'apps/web/src/test/**',
  'apps/web/e2e/**',
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      '**/dist/**',
      'node_modules/**',
      'coverage/**',
      'apps/web/src/api/schema.d.ts',
      'tmp/**',
      'test-output/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.mjs', '**/*.cjs'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { allow: [], depConstraints: dependencyConstraints(false), ignoredCircularDependencies: TEST_ONLY_CYCLES },
      ],
    },
  },
  {
    files: TEST_FILES,
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          // The worker's and the browser's system tests start the API through its test harness (and read the
          // live-stream settings it serves); that is test code reaching into another app on purpose.
          allow: [
            '^(\\.\\./)+api/test/support/',
            '^(\\.\\./)+api/src/modules/stream/',
            '^(\\.\\./)+worker/test/support/',
          ],
          depConstraints: dependencyConstraints(true),
          ignoredCircularDependencies: TEST_ONLY_CYCLES,
        },
      ],
    },
  },
  {
    files: ['libs/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NODE_IO_MODULES.flatMap((name) => [name, `node:${name}`]).map((name) => ({
            name,
            message: 'libs/domain is pure logic: do I/O in libs/persistence, libs/engine or an app.',
          })),
        },
      ],
    },
  },
  { files: ['**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        document: 'readonly',
        window: 'readonly',
        localStorage: 'readonly',
        require: 'readonly',
        module: 'readonly',
        __dirname: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { object: 'it', property: 'only' },
        { object: 'describe', property: 'only' },
        { object: 'it', property: 'skip' },
        { object: 'describe', property: 'skip' },
        { object: 'test', property: 'only' },
        { object: 'test', property: 'skip' },
      ],
    },
  },
);
