// One jest project per package. Tests import sibling packages from source (no build needed), transpiled by swc.
const path = require('node:path');

const packages = [
  'libs/logging', 'libs/config', 'libs/service-kit', 'libs/contracts', 'libs/temporal', 'libs/kafka', 'workflows',
  'services/gateway', 'services/accounts', 'services/outreach', 'services/payments', 'services/placement', 'e2e',
];

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const moduleNameMapper = {
  '^@courtesy/workflows$': path.join(__dirname, 'workflows/src'),
  '^@courtesy/(gateway|accounts|outreach|payments|placement)$': path.join(__dirname, 'services/$1/src'),
  '^@courtesy/(logging|config|contracts|temporal|kafka|service-kit)$': path.join(__dirname, 'libs/$1/src'),
};

module.exports = {
  testTimeout: 60_000,
  projects: packages.map((dir) => ({
    displayName: dir,
    rootDir: path.join(__dirname, dir),
    testEnvironment: 'node',
    testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
    transform: { '^.+\\.ts$': swc },
    moduleNameMapper,
    setupFiles: [path.join(__dirname, 'scripts/jest-setup.js')],
  })),
};
