import { randomBytes } from "node:crypto";
import type { DbHandle } from "@niaga/db";
import { createDb } from "@niaga/db";
import pg from "pg";
import { inject } from "vitest";
import type {} from "./provided-context.ts";

export interface TestDatabase extends DbHandle {
  name: string;
  url: string;
  /** Closes the pool and drops the database. */
  drop: () => Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * A fresh database cloned from the migrated template: cheap (a file copy in Postgres), and no
 * state is shared between test files, so they run in parallel.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const { adminUrl, template } = inject("niagaPg");
  const name = `niaga_t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database "${name}" template "${template}"`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(adminUrl, name);
  const handle = createDb({ connectionString: url, max: 10 });
  return {
    ...handle,
    name,
    url,
    drop: async () => {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      try {
        await cleanup.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
