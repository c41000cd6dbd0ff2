// Flat config: typescript-eslint with type information, plus the Temporal samples' rule that keeps
// Node built-ins and I/O libraries out of workflow code (workflows must be deterministic and sandboxed).
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const ioLibraries = ['pg', 'typeorm', 'kafkajs', 'twilio', 'nodemailer', 'pino', 'axios', '@nestjs/*', '@temporalio/client', '@temporalio/worker', '@temporalio/activity'];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.data/**', '.tools/**', 'coverage/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: { allowDefaultProject: ['*.ts'] }, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    // Workflow code: the files bundled into the Temporal workflow sandbox.
    files: ['workflows/src/workflows/**/*.ts', 'workflows/src/workflows.ts', 'workflows/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: builtinModules.flatMap((m) => [m, `node:${m}`]),
          patterns: ioLibraries,
        },
      ],
    },
  },
);
