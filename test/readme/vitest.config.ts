import { defineProject } from 'vitest/config';

// One long case: a fresh clone, one install, the README's commands in order (about 1–2 min).
export default defineProject({
  test: { name: 'readme', include: ['*.test.ts'], testTimeout: 15 * 60_000, hookTimeout: 5 * 60_000 },
});
