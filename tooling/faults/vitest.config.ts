import { defineConfig } from 'vitest/config';

/**
 * The fault suite (`pnpm test:faults`, not part of `pnpm test`): kills, restarts and outages against
 * real processes — the worker as `pnpm levqor worker` runs it, the production build through the
 * launcher, an embedded PostgreSQL and a redis-server this suite starts and stops itself. One file at a
 * time; each brings up what it needs on its own ports (see faults/support/ports.ts).
 */
export default defineConfig({
  test: {
    root: `${import.meta.dirname}/../..`,
    include: ['tooling/faults/**/*.fault.ts'],
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 300_000,
    pool: 'forks',
    reporters: ['verbose'],
  },
});
