// Vitest global setup: one PostgreSQL per test run (embedded, or DATABASE_URL's server), with a
// template database migrated once. Each test file then clones its own database from it.
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDb } from "@niaga/db";
import type { RunningPostgres } from "@niaga/db/embedded";
import { startEmbeddedPostgres } from "@niaga/db/embedded";
import { migrateToLatest } from "@niaga/db/migrator";
import pg from "pg";
import type { TestProject } from "vitest/node";
import type {} from "./provided-context.ts";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export default async function setup(project: TestProject) {
  let embedded: RunningPostgres | null = null;
  let dataRoot: string | null = null;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    // Under /tmp, whose parents the `postgres` user can reach when we run as root.
    dataRoot = await mkdtemp(join(tmpdir(), "niaga-pg-"));
    // mkdtemp makes a 0700 folder; the `postgres` user (as root) must be able to enter it.
    await chmod(dataRoot, 0o755);
    embedded = await startEmbeddedPostgres({
      dataDir: join(dataRoot, "data"),
      port: await freePort(),
      persistent: false,
    });
    adminUrl = embedded.urlFor("postgres");
  }
  const template = `niaga_tpl_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${template}"`);
  const handle = createDb({ connectionString: withDatabase(adminUrl, template), max: 2 });
  try {
    await migrateToLatest(handle.db);
  } finally {
    await handle.close();
  }
  project.provide("niagaPg", { adminUrl, template });

  return async () => {
    // Clones are dropped by their files; the template goes last. Stop the embedded server.
    await admin.query(`drop database if exists "${template}" with (force)`).catch(() => {});
    await admin.end();
    await embedded?.stop();
    if (dataRoot) await rm(dataRoot, { recursive: true, force: true });
  };
}
