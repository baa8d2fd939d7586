import type { ChildProcess } from "node:child_process";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { emitDomainEvents } from "@niaga/core/events/domain-events";
import { transitionOrder } from "@niaga/core/orders/order-transition";
import type { TestDatabase } from "@niaga/testing/database";
import { createTestDatabase } from "@niaga/testing/database";
import { sql } from "kysely";
import { PgBoss } from "pg-boss";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { insertOrder } from "../../core/test/support/order-fixtures.ts";

const SCRIPT = fileURLToPath(new URL("./support/worker-process.ts", import.meta.url));

let database: TestDatabase;
const children: ChildProcess[] = [];
beforeAll(async () => {
  database = await createTestDatabase();
});
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});
afterAll(() => database.drop());

interface SpawnedWorker {
  child: ChildProcess;
  lines: string[];
  exited: Promise<number | null>;
}

/** Starts worker-process.ts as a real child process and waits for it to be ready. */
async function spawnWorker(env: Record<string, string>): Promise<SpawnedWorker> {
  const child = spawn(process.execPath, [SCRIPT], {
    env: { ...process.env, DATABASE_URL: database.url, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  const lines: string[] = [];
  let buffer = "";
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const parts = buffer.split("\n");
      buffer = parts.pop() ?? "";
      for (const line of parts) {
        lines.push(line);
        if (line === "WORKER READY") resolve();
      }
    });
    child.stderr?.on("data", (chunk: Buffer) => lines.push(chunk.toString()));
    child.once("exit", (code) => reject(new Error(`worker exited (${code}) before ready:\n${lines.join("\n")}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  await ready;
  return { child, lines, exited };
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000, explain?: () => Promise<string>) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting${explain ? `: ${await explain()}` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function jobRow(id: string) {
  const { rows } = await sql<{ state: string; retry_count: number }>`
    select state::text as state, retry_count from pgboss.job where id = ${id}::uuid`.execute(database.db);
  return rows[0];
}

async function count(query: Promise<{ n: string | number | bigint }>) {
  return Number((await query).n);
}

describe("events.dispatch in real worker processes", () => {
  it("retries the job of a SIGKILLed worker after its expiry, and its effect happens exactly once", async () => {
    const order = await insertOrder(database.db, { status: "paid" });
    await transitionOrder(database.db, {
      orderId: order.id,
      to: "processing",
      actor: { kind: "seller", userId: order.sellerId, role: "seller" },
    });
    const marker = join(await mkdtemp(join(tmpdir(), "niaga-kill-")), "blocked");
    const first = await spawnWorker({ WORKER_MODE: "kill", BLOCK_MARKER: marker, WORKER_NAME: "first" });

    const boss = new PgBoss({
      connectionString: database.url,
      schema: "pgboss",
      supervise: false,
      schedule: false,
      migrate: false,
    });
    boss.on("error", () => {});
    await boss.start();
    const jobId = (await boss.send("test.dispatch", {})) as string;
    await boss.stop({ graceful: false });

    // Mid-job: the handler blocks inside the dispatch transaction, after writing the notification.
    await waitFor(async () => existsSync(marker));
    expect((await jobRow(jobId))?.state).toBe("active");
    const inbox = () =>
      count(
        database.db
          .selectFrom("notifications")
          .select((eb) => eb.fn.countAll<string>().as("n"))
          .where("user_id", "=", order.customerId)
          .executeTakeFirstOrThrow(),
      );
    expect(await inbox()).toBe(0);

    first.child.kill("SIGKILL");
    await first.exited;
    // The killed job stays active until it expires (2 s); a surviving worker's supervisor retries it.
    const second = await spawnWorker({ WORKER_MODE: "kill", BLOCK_MARKER: marker, WORKER_NAME: "second" });
    await waitFor(
      async () => (await jobRow(jobId))?.state === "completed",
      30_000,
      async () => `${JSON.stringify(await jobRow(jobId))}\n${second.lines.join("\n")}`,
    );

    expect(await jobRow(jobId)).toEqual({ state: "completed", retry_count: 1 });
    expect(await inbox()).toBe(1);
    const customer = await database.db
      .selectFrom("user")
      .select("email")
      .where("id", "=", order.customerId)
      .executeTakeFirstOrThrow();
    const emails = await count(
      database.db
        .selectFrom("dev_outbox")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .where("to_address", "=", customer.email)
        .executeTakeFirstOrThrow(),
    );
    expect(emails).toBe(1);
    const event = await database.db
      .selectFrom("domain_events")
      .select("dispatched_at")
      .where("aggregate_id", "=", order.id)
      .where("type", "=", "order.status_changed")
      .executeTakeFirstOrThrow();
    expect(event.dispatched_at).toBeInstanceOf(Date);
  }, 60_000);

  it("dispatches 1,000 events with two worker processes: every notification exactly once", async () => {
    const orders: Awaited<ReturnType<typeof insertOrder>>[] = [];
    for (let index = 0; index < 50; index += 1) orders.push(await insertOrder(database.db, { status: "paid" }));
    const statuses = ["processing", "shipped", "delivered", "completed"];
    await database.db.transaction().execute((trx) =>
      emitDomainEvents(
        trx,
        Array.from({ length: 1000 }, (_, index) => {
          const order = orders[index % orders.length] as Awaited<ReturnType<typeof insertOrder>>;
          return {
            type: "order.status_changed" as const,
            aggregate: { type: "order", id: order.id },
            payload: {
              orderId: order.id,
              storeId: order.storeId,
              customerId: order.customerId,
              from: "paid",
              to: statuses[index % statuses.length] as string,
            },
          };
        }),
      ),
    );
    const { rows: range } = await sql<{ min: string }>`
      select min(id) as min from domain_events where type = 'order.status_changed' and dispatched_at is null`.execute(
      database.db,
    );
    const firstId = Number(range[0]?.min);

    const startedAt = new Date();
    const workers = await Promise.all(
      ["a", "b"].map((name) => spawnWorker({ WORKER_MODE: "normal", WORKER_NAME: name })),
    );
    // Done when the outbox is empty: the 1,000 events and the notification.created events they cause.
    const pending = () =>
      count(
        database.db
          .selectFrom("domain_events")
          .select((eb) => eb.fn.countAll<string>().as("n"))
          .where("dispatched_at", "is", null)
          .executeTakeFirstOrThrow(),
      );
    await waitFor(
      async () => (await pending()) === 0,
      90_000,
      async () =>
        `pending ${await pending()}\n${workers.map((worker) => worker.lines.slice(-15).join("\n")).join("\n----\n")}`,
    );
    for (const worker of workers) {
      worker.child.kill("SIGTERM");
      // A clean exit: the SIGTERM handler stopped the worker gracefully and closed the pool.
      expect(await worker.exited).toBe(0);
    }

    const { rows } = await sql<{ notifications: number; events: number; duplicates: number }>`
      select count(*) as notifications, count(distinct event_id) as events,
        (select count(*) from (select event_id from notifications where event_id >= ${firstId}
          group by event_id, user_id having count(*) > 1) d) as duplicates
      from notifications where event_id >= ${firstId}`.execute(database.db);
    expect(rows[0]).toEqual({ notifications: 1000, events: 1000, duplicates: 0 });
    // Each notification went to its order's customer, and each got its one email.
    const { rows: mismatched } = await sql<{ n: number }>`
      select count(*) as n from notifications n
      join domain_events e on e.id = n.event_id
      where n.event_id >= ${firstId} and n.user_id <> e.payload->>'customerId'`.execute(database.db);
    expect(mismatched[0]?.n).toBe(0);
    const customerEmails = await database.db
      .selectFrom("user")
      .select("email")
      .where(
        "id",
        "in",
        orders.map((order) => order.customerId),
      )
      .execute();
    const emails = await count(
      database.db
        .selectFrom("dev_outbox")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .where(
          "to_address",
          "in",
          customerEmails.map((row) => row.email),
        )
        .executeTakeFirstOrThrow(),
    );
    expect(emails).toBe(1000);

    // No event was dispatched twice: what the two workers report adds up to what they marked.
    const dispatchedBy = workers.map((worker) =>
      worker.lines
        .filter((line) => line.includes('"events.dispatch done"'))
        .reduce((sum, line) => sum + (JSON.parse(line) as { dispatched: number }).dispatched, 0),
    );
    const marked = await count(
      database.db
        .selectFrom("domain_events")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .where("dispatched_at", ">=", startedAt)
        .executeTakeFirstOrThrow(),
    );
    expect(marked).toBeGreaterThanOrEqual(2000);
    expect(dispatchedBy.reduce((a, b) => a + b, 0)).toBe(marked);
    expect(dispatchedBy.every((n) => n > 0)).toBe(true);
  }, 120_000);
});
