import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Three projects; `vitest run` runs them all, `vitest run --project NAME` (npm run test:unit, test:integration,
 * test:e2e) one of them.
 * - unit: the *.test.ts beside the code (shared/, electron/, renderer/, tests/support/), tests/architecture and the
 *   labelled corpora of tests/corpora.
 *   The fast loop: its files share one process per worker (isolate: false), so none may leave global state
 *   behind (fake clocks are passed in, never installed globally).
 * - integration: tests/integration, the app's parts wired together on real SQLite, sockets and child processes;
 *   and tests/fuzz, generated hostile input against the same real parts (FUZZ_RUNS sets how many).
 * - e2e: tests/e2e, the web console as a child process driven in headless Chromium (tests/support/browser.ts).
 * - crash: the crash-anywhere harness (tests/integration/outbox-crash-anywhere.test.ts), which kills and restarts
 *   child processes by the hundred. It runs after the others (groupOrder 1), alone: beside it, the tests that
 *   judge real-time peers (ffmpeg's stamps, OBS's meters) against wall time were starved of CPU.
 */
const CRASH = 'tests/integration/outbox-crash-anywhere.test.ts';

export default defineConfig({
  test: {
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'shared/**/*.test.ts',
            'electron/**/*.test.ts',
            'renderer/**/*.test.ts',
            'tests/support/**/*.test.ts',
            'tests/architecture/**/*.test.ts',
            'tests/corpora/**/*.test.ts',
          ],
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts', 'tests/fuzz/**/*.test.ts'],
          exclude: [...configDefaults.exclude, CRASH],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/support/e2e-global-setup.ts'],
        },
      },
      { extends: true, test: { name: 'crash', include: [CRASH], sequence: { groupOrder: 1 } } },
    ],
  },
});
