import { niagaTestConfig } from "@niaga/testing/vitest-config";

// The shared setup gives the browser test its PostgreSQL (one per run, a database per file) for startTestApi.
export default niagaTestConfig({
  environment: "node",
  include: ["test/**/*.test.ts"],
  // The browser test exports the web bundle (~10 s cold), starts the API and drives Chromium.
  testTimeout: 180_000,
  hookTimeout: 180_000,
  // Two Metro exports at once would fight over the CPUs and the shared transform cache; run files one by one.
  fileParallelism: false,
});
