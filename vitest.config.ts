import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    // Loading the engine (nodejieba, later the classifier model) and spawning real server
    // processes takes seconds, not milliseconds; building and starting a Worker in local workerd
    // while other test files start theirs can take minutes on two cores. A bound, not a measurement.
    testTimeout: 60_000,
    hookTimeout: 300_000,
    // better-sqlite3 and nodejieba are native modules: separate processes, not threads.
    pool: "forks",
  },
});
