import { loadConfig } from "@niaga/config";
import type { TestDatabase } from "@niaga/testing/database";
import { createTestDatabase } from "@niaga/testing/database";
import { getMigrations } from "better-auth/db/migration";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuth } from "../src/auth.ts";

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe("auth schema", () => {
  it("has every table and column better-auth needs after Niaga's migrations", async () => {
    // The committed migration was generated from these options; a new plugin or field that is
    // not migrated shows up here instead of at the first sign-in.
    const auth = createAuth({
      db: database.db,
      config: loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent" }),
      mailer: { kind: "outbox", send: async () => {} },
    });
    const { toBeCreated, toBeAdded } = await getMigrations(auth.options);
    expect(toBeCreated.map((table) => table.table)).toEqual([]);
    expect(toBeAdded.map((table) => `${table.table}: ${Object.keys(table.fields).join(", ")}`)).toEqual([]);
  });
});
