import { loadConfig } from "@niaga/config";
import { createLogger } from "@niaga/core/shared/logger";
import type { JobDefinition } from "@niaga/jobs/definitions";
import { JOBS } from "@niaga/jobs/definitions";
import { startWorker } from "@niaga/jobs/worker";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { codeOf } from "./support/errors.ts";
import type { TestApi } from "./support/harness.ts";
import { startTestApi } from "./support/harness.ts";

let api: TestApi;
let failedJobId: string;
beforeAll(async () => {
  api = await startTestApi();
  // A worker runs the real events.dispatch queue and one that always fails, then stops: the API
  // reads what it left in pg-boss's tables.
  const failing: JobDefinition<Record<string, unknown>> = {
    name: "test.failing",
    payload: z.object({}).passthrough(),
    retryLimit: 0,
    retryDelaySeconds: 1,
    expireInSeconds: 30,
    handle: async () => {
      throw new Error("the courier API is down");
    },
  };
  const logger = createLogger("silent");
  const worker = await startWorker({
    connectionString: api.database.url,
    deps: { db: api.database.db, logger, config: loadConfig({ NODE_ENV: "test" }) },
    logger,
    jobs: [...JOBS.filter((job) => job.name === "events.dispatch"), failing],
    dispatchIntervalSeconds: 0,
  });
  failedJobId = (await worker.boss.send("test.failing", {})) as string;
  const deadline = Date.now() + 15_000;
  while ((await jobState(failedJobId)) !== "failed") {
    if (Date.now() > deadline) throw new Error("the job never failed");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await worker.stop();
});
afterAll(async () => {
  await api.services.jobs.close?.();
  await api.stop();
});

async function jobState(id: string) {
  const { rows } = await sql<{
    state: string;
  }>`select state::text as state from pgboss.job where id = ${id}::uuid`.execute(api.database.db);
  return rows[0]?.state;
}

describe("admin.jobs over HTTP", () => {
  it("lists queues with counts and schedules, and recent failures with their error", async () => {
    const admin = api.client((await api.userWithRole("admin")).token);
    const queues = await admin.admin.jobs.queues.query();
    expect(queues.find((queue) => queue.name === "test.failing")).toMatchObject({ failed: 1, queued: 0, active: 0 });
    expect(queues.find((queue) => queue.name === "events.dispatch")).toMatchObject({ schedule: "* * * * *" });
    expect(queues.map((queue) => queue.name)).toContain("events.dispatch.dead");

    const failures = await admin.admin.jobs.failures.query({ queue: "test.failing" });
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ id: failedJobId, queue: "test.failing", retryCount: 0 });
    expect(failures[0]?.error).toContain("the courier API is down");
  });

  it("retries a failed job once (audited); refuses unknown and non-failed jobs", async () => {
    const adminUser = await api.userWithRole("admin");
    const admin = api.client(adminUser.token);
    expect(await admin.admin.jobs.retry.mutate({ queue: "test.failing", id: failedJobId })).toEqual({
      id: failedJobId,
    });
    expect(await jobState(failedJobId)).toBe("retry");
    expect((await admin.admin.jobs.queues.query()).find((queue) => queue.name === "test.failing")).toMatchObject({
      failed: 0,
      queued: 1,
    });
    expect(await codeOf(admin.admin.jobs.retry.mutate({ queue: "test.failing", id: failedJobId }))).toBe("CONFLICT");
    const unknown = admin.admin.jobs.retry.mutate({
      queue: "test.failing",
      id: "6f1c2a52-1f7e-4d5e-9a53-2f1f2f7f0000",
    });
    expect(await codeOf(unknown)).toBe("NOT_FOUND");
    expect(await codeOf(admin.admin.jobs.retry.mutate({ queue: "test.failing", id: "not-a-uuid" }))).toBe(
      "BAD_REQUEST",
    );
    const audit = await api.database.db
      .selectFrom("audit_log")
      .select(["action", "target_id"])
      .where("actor_id", "=", adminUser.id)
      .execute();
    expect(audit).toEqual([{ action: "jobs.retry", target_id: failedJobId }]);
  });

  it("runs a scheduled task now; refuses names that are not scheduled tasks", async () => {
    const admin = api.client((await api.userWithRole("superadmin")).token);
    const { id } = await admin.admin.jobs.runNow.mutate({ name: "events.dispatch" });
    expect(await jobState(id)).toBe("created");
    expect(await codeOf(admin.admin.jobs.runNow.mutate({ name: "test.failing" }))).toBe("NOT_FOUND");
    expect(await codeOf(admin.admin.jobs.runNow.mutate({ name: "no.such.task" }))).toBe("NOT_FOUND");
  });

  it("is admin-only", async () => {
    for (const role of ["customer", "seller", "manager"] as const) {
      const client = api.client((await api.userWithRole(role)).token);
      expect(await codeOf(client.admin.jobs.queues.query())).toBe("FORBIDDEN");
      expect(await codeOf(client.admin.jobs.failures.query({}))).toBe("FORBIDDEN");
      expect(await codeOf(client.admin.jobs.runNow.mutate({ name: "events.dispatch" }))).toBe("FORBIDDEN");
      expect(await codeOf(client.admin.jobs.retry.mutate({ queue: "test.failing", id: failedJobId }))).toBe(
        "FORBIDDEN",
      );
    }
    expect(await codeOf(api.client().admin.jobs.queues.query())).toBe("UNAUTHORIZED");
  });
});
