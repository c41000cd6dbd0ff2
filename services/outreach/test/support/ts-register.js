// Lets a child process run the TypeScript sources directly (as jest does): swc transpiles on require and
// @courtesy/* resolve to each package's src, like jest.config.js's moduleNameMapper.
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const swc = require('@swc/core');

const ROOT = path.join(__dirname, '../../../..');
const PACKAGES = {
  workflows: 'workflows/src/index.ts',
  gateway: 'services/gateway/src/index.ts',
  accounts: 'services/accounts/src/index.ts',
  outreach: 'services/outreach/src/index.ts',
  payments: 'services/payments/src/index.ts',
  placement: 'services/placement/src/index.ts',
};
for (const lib of ['logging', 'config', 'contracts', 'temporal', 'kafka', 'service-kit']) PACKAGES[lib] = `libs/${lib}/src/index.ts`;

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const m = /^@courtesy\/([a-z-]+)$/.exec(request);
  if (m && PACKAGES[m[1]]) return path.join(ROOT, PACKAGES[m[1]]);
  return resolve.call(this, request, ...rest);
};

require.extensions['.ts'] = function (module, filename) {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
