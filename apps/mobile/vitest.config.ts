import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    include: ["test/**/*.test.ts"],
    // The browser test exports the web bundle (~10-20 s cold) and starts an API with an embedded Postgres.
    testTimeout: 180_000,
    // Two Metro exports at once would fight over 2 CPUs and the shared transform cache; run files one by one.
    fileParallelism: false,
    hookTimeout: 180_000,
  },
});
