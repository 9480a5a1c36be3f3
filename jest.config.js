/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  rootDir: '.',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  transform: {
    '^.+\\.(t|j|mj)s$': ['@swc/jest', { swcrc: true }],
  },
  // A few dependencies ship ESM only; let swc turn them into CommonJS too.
  transformIgnorePatterns: [
    '/node_modules/(?!(content-disposition|@fastify/static|openapi-fetch)/)',
  ],
  // Build outputs: `make sdk` assembles a copy of openapi/sdk/package.json in dist/sdk/.
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 30000,
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
