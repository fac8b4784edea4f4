import type { Config } from 'jest';

const swcTransform: Config['transform'] = {
  '^.+\\.(ts|js)$': [
    '@swc/jest',
    {
      jsc: {
        target: 'es2022',
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
      },
      module: { type: 'commonjs' },
    },
  ],
};

const moduleNameMapper = {
  '^@automations/(domain|persistence|engine|testing)$': '<rootDir>/libs/$1/src/index.ts',
};

const config: Config = {
  testEnvironment: 'node',
  transform: swcTransform,
  moduleNameMapper,
  // content-disposition 3 (used by @fastify/static) ships ESM only; Node 20.19+ loads it natively, jest needs it compiled.
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  roots: ['<rootDir>/apps/api', '<rootDir>/apps/worker', '<rootDir>/apps/web/e2e', '<rootDir>/libs'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  testTimeout: 60000,
  maxWorkers: 2,
};

export default config;
