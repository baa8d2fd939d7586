import { defineConfig } from "vitest/config";

// A plain Node config: these tests build, pack and inspect the SDK. No database, no msw.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    // Builds dist once for every test file (they read it; building twice in parallel would race).
    globalSetup: ["test/support/build.global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 240_000,
  },
});
