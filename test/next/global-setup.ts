import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { NEXT_SECRET } from './constants';
import { buildApp, startApp, type RunningApp } from './next-app';

const path = (p: string) => fileURLToPath(new URL(p, import.meta.url));
/** examples/next as users see it, and test/next/app with the test-only routes and hooks. */
const exampleDir = path('../../examples/next');
const testAppDir = path('./app');
const next = path('../../examples/next/node_modules/.bin/next');

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the built examples/next app. */
    nextExampleUrl: string;
    /** Base URL of the built test/next/app app. */
    nextTestAppUrl: string;
  }
}

/**
 * Builds both apps once with `next build` (against the built packages: run `pnpm build` first),
 * starts each with `next start` on a free port, and stops them after the run.
 * `DOUYIN_NEXT_REUSE_BUILD=1` reuses existing `.next/` builds (local iteration only).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  for (const dist of ['core/dist/index.js', 'core/dist/node.js', 'core/dist/spi.js', 'next/dist/index.js']) {
    if (!existsSync(path(`../../packages/${dist}`))) throw new Error(`test/next: packages/${dist} is missing; run \`pnpm build\` first`);
  }
  if (!existsSync(`${testAppDir}/node_modules/next`))
    throw new Error('test/next: app/node_modules is missing; run `pnpm install` (the test app is a workspace package)');

  const env = { DOUYIN_CLIENT_SECRET: NEXT_SECRET };
  const reuse = Boolean(process.env.DOUYIN_NEXT_REUSE_BUILD);
  // Both builds at once: on 2 cores that takes ~75 s instead of ~100 s one after the other.
  // The example is built WITHOUT the secret, as on a build machine that does not have it (secrets
  // are run-time configuration); example.test.ts also starts it without one.
  await Promise.all([buildApp(next, exampleDir, { DOUYIN_CLIENT_SECRET: undefined }, reuse), buildApp(next, testAppDir, env, reuse)]);

  const apps: RunningApp[] = [];
  const stopAll = async () => void (await Promise.all(apps.map((app) => app.stop())));
  try {
    apps.push(await startApp(next, exampleDir, env));
    apps.push(await startApp(next, testAppDir, env));
  } catch (error) {
    await stopAll();
    throw error;
  }
  project.provide('nextExampleUrl', apps[0]!.url);
  project.provide('nextTestAppUrl', apps[1]!.url);
  return stopAll;
}
