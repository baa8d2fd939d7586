import { insertUnnested } from "@niaga/core/shared/unnest-insert";
import type { TestDatabase } from "@niaga/testing/database";
import { createTestDatabase } from "@niaga/testing/database";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const COLUMNS = {
  type: "text",
  aggregate_type: "text",
  aggregate_id: "text",
  payload: "jsonb",
  created_at: "timestamptz",
  dispatch_error: "text",
  dispatch_attempts: "int4",
} as const;

const at = new Date("2026-01-02T03:04:05.678Z");
const row = (n: number) => ({
  type: "test.unnest",
  aggregate_type: "test",
  aggregate_id: `agg-${n}`,
  // Characters an array literal must escape: quotes, braces, commas, a backslash.
  payload: JSON.stringify({ n, note: 'say "hi", {ok} \\ done' }),
  created_at: at,
  dispatch_error: n % 2 === 0 ? null : `error, "${n}"`,
  dispatch_attempts: n,
});

describe("inserting rows as unnested arrays", () => {
  it("sends one statement text and one parameter per column for any number of rows", () => {
    const one = insertUnnested("domain_events", COLUMNS, [row(1)]).compile(database.db);
    const five = insertUnnested("domain_events", COLUMNS, [1, 2, 3, 4, 5].map(row)).compile(database.db);
    expect(five.sql).toBe(one.sql);
    expect(one.sql).toBe(
      'insert into "domain_events" ("type", "aggregate_type", "aggregate_id", "payload", "created_at", ' +
        '"dispatch_error", "dispatch_attempts") select * from unnest($1::text[], $2::text[], $3::text[], ' +
        "$4::jsonb[], $5::timestamptz[], $6::text[], $7::int4[])",
    );
    expect(five.parameters).toHaveLength(Object.keys(COLUMNS).length);
  });

  it("writes every row in order with its nulls, numbers, dates and JSON intact", async () => {
    await insertUnnested("domain_events", COLUMNS, [1, 2, 3].map(row)).execute(database.db);
    const rows = await database.db
      .selectFrom("domain_events")
      .select(["aggregate_id", "payload", "created_at", "dispatch_error", "dispatch_attempts"])
      .where("type", "=", "test.unnest")
      .orderBy("id")
      .execute();
    expect(rows).toEqual(
      [1, 2, 3].map((n) => ({
        aggregate_id: `agg-${n}`,
        payload: { n, note: 'say "hi", {ok} \\ done' },
        created_at: at,
        dispatch_error: n % 2 === 0 ? null : `error, "${n}"`,
        dispatch_attempts: n,
      })),
    );
  });
});
