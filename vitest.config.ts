import { defineConfig } from 'vitest/config'

/**
 * Projects: `unit` (pure domain code), `api` on embedded PGlite (always), `api-postgres` (the
 * same API suite against a real PostgreSQL server when TEST_DATABASE_URL is set) and `e2e`
 * (real Chromium, skipped with a message when /usr/bin/chromium is missing), `faults` (the
 * server under database restarts and SIGTERM; skipped with a message without PostgreSQL binaries).
 */
const postgresUrl = process.env.TEST_DATABASE_URL
if (!postgresUrl && !process.env.VITEST_WORKER_ID) {
  // Said once per run, before any test, so nobody mistakes a PGlite-only run for the whole suite.
  console.warn(
    'api-postgres skipped: TEST_DATABASE_URL is not set, so the API suite runs on embedded PGlite only ' +
      '(TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm test runs it on PostgreSQL too).',
  )
}

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      // unit and api share modules between the files of one worker (isolate: false): importing the
      // app once per worker instead of once per file keeps `npm run test:fast` under 3 minutes on
      // two cores. Every file builds its own app and database, so no test may rely on module state.
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], isolate: false } },
      {
        test: {
          name: 'api',
          include: ['test/api/**/*.test.ts'],
          isolate: false,
          globalSetup: ['test/helpers/global-setup.ts'],
          env: { EFFEKT_TEST_DB: 'pglite' },
        },
      },
      ...(postgresUrl
        ? [
            {
              test: {
                name: 'api-postgres',
                include: ['test/api/**/*.test.ts'],
                globalSetup: ['test/helpers/global-setup.ts'],
                env: { EFFEKT_TEST_DB: 'postgres' },
              },
            },
          ]
        : []),
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          // One browser and one server at a time: the machine has two cores.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          // Fault tests start the real server as a child process and break its database (a
          // throwaway cluster; they skip with a message when PostgreSQL binaries are missing).
          name: 'faults',
          include: ['test/faults/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'worker',
          include: ['test/worker/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
})
