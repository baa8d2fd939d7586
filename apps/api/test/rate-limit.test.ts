import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestApi } from "./support/harness.ts";
import { startTestApi } from "./support/harness.ts";

// Own server: a tight per-address limit that would disturb other tests.
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ AUTH_RATE_LIMIT_MAX: "5", AUTH_RATE_LIMIT_WINDOW_SECONDS: "60" });
});
afterAll(() => api.stop());

describe("sign-in rate limit", () => {
  it("answers 429 once a client address exceeds the limit", async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 8; attempt++) {
      statuses.push((await api.signIn(`nobody-${attempt}@example.com`, "whatever-password")).status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
  });
});
