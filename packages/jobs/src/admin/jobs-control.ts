import type { JobsControl } from "@niaga/core/jobs-admin/jobs-admin.service";
import { PgBoss } from "pg-boss";
import { JOBS } from "../definitions.ts";

/**
 * The API's handle on pg-boss for admin commands: an instance that runs no workers, supervisor,
 * schedules or migrations, created on the first command (so an API process that never gets one
 * never loads pg-boss). Runs only what JOBS declares as scheduled.
 */
export function createJobsControl(connectionString: string): JobsControl {
  let started: Promise<PgBoss> | null = null;
  const boss = () => {
    started ??= (async () => {
      const instance = new PgBoss({
        connectionString,
        schema: "pgboss",
        supervise: false,
        schedule: false,
        migrate: false,
        registerInstance: false,
        max: 2,
      });
      instance.on("error", () => {});
      return instance.start();
    })();
    return started;
  };
  return {
    async retry(queue, id) {
      const result = await (await boss()).retry(queue, id);
      // pg-boss types the response loosely; it carries how many jobs moved back to retry.
      return ((result as { affected?: number }).affected ?? 0) > 0;
    },
    async runNow(name) {
      const job = JOBS.find((definition) => definition.name === name);
      if (!job?.schedule) return null;
      return (await boss()).send(name, {});
    },
    async close() {
      if (started) await (await started).stop({ graceful: false });
    },
  };
}
