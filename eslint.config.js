// @ts-check
// One lint for every package. Besides typescript-eslint's recommended rules it holds the layout
// lines of STYLE.md as import rules: core imports no framework or client and, outside src/node
// (and the Node-only test kit), nothing from `node:`; adapters reach core only through its
// public entries.
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const FRAMEWORKS = [
  'express',
  'express4',
  'fastify',
  'fastify-plugin',
  'koa',
  'koa2',
  'next',
  'next/*',
  'hono',
  'hono/*',
  '@nestjs/*',
  'ioredis',
  'redis',
  'bullmq',
  'pg-boss',
  'pg',
];

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', '**/.next/**', '**/next-env.d.ts', 'test/next/app/.next/**', 'coverage/**', '**/*.snap'],
  },
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      // Tests and protocol code handle untyped JSON on purpose; `unknown` is preferred, `any` allowed.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-empty-object-type': 'off',
    },
  },
  {
    // Egg loads plain CommonJS files by convention: the fixture app is written that way.
    files: ['test/runtimes/egg-app/**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Type tests name variables only to take their types.
    files: ['**/*.test-d.ts'],
    rules: { '@typescript-eslint/no-unused-vars': 'off' },
  },
  {
    files: ['packages/core/src/**/*.ts'],
    ignores: ['packages/core/src/node/**', 'packages/core/src/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: "core's main entries are web-standard: node: imports live under src/node (or src/testing)." },
            { group: FRAMEWORKS, message: 'core imports no framework and no Redis/queue client: that belongs in an adapter package.' },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/core/src/node/**/*.ts', 'packages/core/src/testing/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: FRAMEWORKS, message: 'core imports no framework and no Redis/queue client.' }] },
      ],
    },
  },
  {
    files: ['packages/!(core)/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@douyin-push/core/src/**', '**/core/src/**', '@douyin-push/core/dist/**'],
              message: "reach core through its public entries: '@douyin-push/core', '/adapter', '/spi', '/node', '/testing'.",
            },
          ],
        },
      ],
    },
  },
);
