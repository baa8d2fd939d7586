import { isAllowed } from "@niaga/api";
import type { Role } from "@niaga/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestApi } from "./support/harness.ts";
import { startTestApi } from "./support/harness.ts";
import { callRaw, listProcedures } from "./support/procedures.ts";

// Values no procedure accepts as its whole input. Each must answer BAD_REQUEST with a readable
// message, never a 500.
const MALFORMED: [string, unknown][] = [
  ["a string", "not-an-object"],
  ["a number", 42],
  ["an array", [1, 2, 3]],
  ["null", null],
  ["a boolean", true],
];

const withInput = listProcedures().filter((procedure) => procedure.hasInput);

let api: TestApi;
let token: string;
const tokens = new Map<Role, string>();
// Each call goes out as the first of these roles the procedure admits, so it reaches input
// validation (seller and customer procedures do not admit staff).
const CALLERS: Role[] = ["superadmin", "seller", "customer"];

beforeAll(async () => {
  api = await startTestApi();
  for (const role of CALLERS) tokens.set(role, (await api.userWithRole(role)).token);
  token = tokens.get("superadmin") ?? "";
});

function tokenFor(procedure: (typeof withInput)[number]): string {
  const role = CALLERS.find((candidate) => (procedure.access ? isAllowed(procedure.access, candidate) : false));
  return (role && tokens.get(role)) ?? token;
}
afterAll(() => api.stop());

describe("malformed input", () => {
  it("covers procedures with input", () => {
    expect(withInput.length).toBeGreaterThan(5);
  });

  for (const procedure of withInput) {
    for (const [label, value] of MALFORMED) {
      it(`${procedure.path} answers BAD_REQUEST to ${label}`, async () => {
        const result = await callRaw(api.url, procedure, value, { authorization: `Bearer ${tokenFor(procedure)}` });
        expect(result.status, result.text).toBe(400);
        expect(result.code).toBe("BAD_REQUEST");
        expect(result.message).toMatch(/\S/);
        expect(result.text).not.toMatch(/at .*\.ts:\d+|stack|select |insert /i);
      });
    }
  }

  it("names the offending fields", async () => {
    const result = await callRaw(
      api.url,
      { path: "admin.users.list", type: "query" },
      { limit: 1000, role: "pirate" },
      { authorization: `Bearer ${token}` },
    );
    expect(result.status).toBe(400);
    expect(Object.keys(result.fieldErrors ?? {}).sort()).toEqual(["limit", "role"]);
  });

  it("rejects a bad cursor with a field error, not a 500", async () => {
    const result = await callRaw(
      api.url,
      { path: "admin.users.list", type: "query" },
      { limit: 5, cursor: "definitely-not-a-cursor" },
      { authorization: `Bearer ${token}` },
    );
    expect(result.status).toBe(400);
    expect(result.fieldErrors).toEqual({ cursor: ["Invalid cursor"] });
  });
});
