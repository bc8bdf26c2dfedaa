import { defineConfig } from 'vitest/config'

// Most of the suite is end-to-end runs of dist/index.js that wait on emulators and timeouts as
// much as on the CPU; vitest's default on 2 cores is one file at a time. Three files at once (and
// up to 5 tests at once in a file marked concurrent, vitest's default) keep both cores busy
// without so many processes that an action's timeout checks measure the machine's queue. No test
// file changes global state for others (env stubs are undone, no cwd or module mocks), so the
// workers skip re-isolating each file: that was a third of the unit tests' CPU time.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    maxWorkers: 3,
    isolate: false,
  },
})
