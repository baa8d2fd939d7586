import { niagaTestConfig } from "@niaga/testing/vitest-config";

// Browser tests build the app once, then start the API and Chromium: allow more than the default.
export default niagaTestConfig({ environment: "node", testTimeout: 60_000, hookTimeout: 120_000 });
