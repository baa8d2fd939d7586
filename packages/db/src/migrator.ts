import { promises as fs } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Kysely } from "kysely";
import { FileMigrationProvider, Migrator } from "kysely/migration";

const migrationFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
export function createMigrator(db: Kysely<any>): Migrator {
  return new Migrator({
    db,
    provider: new FileMigrationProvider({ fs, path, migrationFolder }),
    // Forward-only: a migration that was applied is never rewritten, so order is the file name's.
    allowUnorderedMigrations: false,
  });
}

/** Applies every pending migration; throws with the failing migration's name on error. */
// biome-ignore lint/suspicious/noExplicitAny: migrations run against any schema version
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const { error, results } = await createMigrator(db).migrateToLatest();
  const failed = results?.find((result) => result.status === "Error");
  if (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`migration ${failed?.migrationName ?? "(unknown)"} failed: ${reason}`, { cause: error });
  }
  return (results ?? []).filter((result) => result.status === "Success").map((result) => result.migrationName);
}
