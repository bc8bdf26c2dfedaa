import { defineConfig } from 'vitest/config'

// Most of the suite is end-to-end runs of dist/index.js that wait on emulators and timeouts, not
// on the CPU; vitest's default on 2 cores is one file at a time. Three files at once, with tests
// marked concurrent running up to 8 at once, keeps both cores busy. No test file changes global
// state (env, cwd, mocks), so the workers skip re-isolating each file: that was a third of the
// unit tests' CPU time.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    maxWorkers: 3,
    maxConcurrency: 8,
    isolate: false,
  },
})
