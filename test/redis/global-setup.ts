import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import provideRedis from '../../packages/redis/test/support/global-setup';

const built = ['core/dist/index.js', 'core/dist/node.js', 'redis/dist/index.js'];

/** The worker processes run the built packages; REDIS_URL when set, else our own redis-server. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const missing = built.filter((file) => !existsSync(fileURLToPath(new URL(`../../packages/${file}`, import.meta.url))));
  if (missing.length > 0) throw new Error(`test/redis needs the built packages (missing ${missing.join(', ')}): run \`pnpm build\` first`);
  return provideRedis(project);
}
