// `pnpm db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded database.
import { loadConfig } from "@niaga/config";
import { connect } from "../connect.ts";
import { migrateToLatest } from "../migrator.ts";

const connection = await connect(loadConfig(), console.log);
try {
  const applied = await migrateToLatest(connection.db);
  console.log(applied.length ? `applied: ${applied.join(", ")}` : "database is up to date");
} finally {
  await connection.shutdown();
}
