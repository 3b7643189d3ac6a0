import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Five projects; `vitest run` runs them all, `vitest run --project NAME` (npm run test:unit, test:integration,
 * test:e2e) some of them.
 * - unit: the *.test.ts beside the code (shared/, electron/, renderer/, tests/support/), tests/architecture and the
 *   labelled corpora of tests/corpora.
 *   The fast loop: its files share one process per worker (isolate: false), so none may leave global state
 *   behind (fake clocks are passed in, never installed globally).
 * - integration: tests/integration, the app's parts wired together on real SQLite, sockets and child processes;
 *   and tests/fuzz, generated hostile input against the same real parts (FUZZ_RUNS sets how many).
 * - e2e: tests/e2e, the web console as a child process driven in headless Chromium (tests/support/browser.ts).
 * - timed and e2e-timed: the files that judge real-time peers against wall time (ffmpeg's stamps, OBS's meters,
 *   the team's fail-over and propagation bounds, a click after a flood), taken out of the two above. They run
 *   after them (groupOrder 1), one file at a time: beside other files they were starved of CPU.
 * - crash: the crash-anywhere harness (tests/integration/outbox-crash-anywhere.test.ts), which kills and restarts
 *   child processes by the hundred, four at a time. It runs last (groupOrder 2), alone, for the same reason.
 * The first three run WORKERS files at once: at least two, as most files wait on sockets, child processes and
 * the browser far more than they compute (vitest's default, one less than the cores, is one file at a time on
 * the 2-core CI).
 */
const CRASH = 'tests/integration/outbox-crash-anywhere.test.ts';
const TIMED = [
  'tests/integration/obs-source.test.ts',
  'tests/integration/probe-source.test.ts',
  'tests/integration/sources-fused.test.ts',
  'tests/integration/postgres-tls.test.ts',
  'tests/integration/team-engine.test.ts',
  'tests/integration/team-engine-races.test.ts',
  'tests/integration/team-outbox.test.ts',
];
const E2E_TIMED = ['tests/e2e/sources.e2e.test.ts', 'tests/e2e/hostile-text.e2e.test.ts'];
const WORKERS = Math.max(2, availableParallelism() - 1);
const E2E_SETUP = ['tests/support/e2e-global-setup.ts'];
/** A browser test waits on a console process, its sources and Chromium: its polls alone allow up to 75 s. */
const E2E_TIMEOUT = 90_000;

export default defineConfig({
  test: {
    environment: 'node',
    pool: 'forks',
    maxWorkers: WORKERS,
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
          exclude: [...configDefaults.exclude, CRASH, ...TIMED],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...E2E_TIMED],
          globalSetup: E2E_SETUP,
          testTimeout: E2E_TIMEOUT,
        },
      },
      { extends: true, test: { name: 'timed', include: TIMED, maxWorkers: 1, sequence: { groupOrder: 1 } } },
      {
        extends: true,
        test: {
          name: 'e2e-timed',
          include: E2E_TIMED,
          globalSetup: E2E_SETUP,
          testTimeout: E2E_TIMEOUT,
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
      { extends: true, test: { name: 'crash', include: [CRASH], maxWorkers: 1, sequence: { groupOrder: 2 } } },
    ],
  },
});
