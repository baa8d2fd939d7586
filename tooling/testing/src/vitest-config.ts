import { fileURLToPath } from "node:url";
import type { ViteUserConfig } from "vitest/config";
import { defineConfig } from "vitest/config";

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

/** The shared vitest setup: real Postgres per run, a database per file, msw on outbound HTTP. */
export function niagaTestConfig(overrides: ViteUserConfig["test"] = {}): ViteUserConfig {
  return defineConfig({
    test: {
      globalSetup: [here("./global-setup.ts")],
      setupFiles: [here("./msw-setup.ts")],
      testTimeout: 30_000,
      hookTimeout: 60_000,
      pool: "forks",
      include: ["test/**/*.test.ts", "src/**/*.test.ts"],
      ...overrides,
    },
  });
}
