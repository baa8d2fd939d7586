import type { Kysely } from "kysely";
import { sql } from "kysely";

// Niaga's own foundation tables: roles as a constraint, API keys, login lockouts, the audit
// log and the development mail outbox.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`update "user" set "role" = 'customer' where "role" is null`.execute(db);
  await sql`alter table "user" alter column "role" set default 'customer'`.execute(db);
  await sql`alter table "user" alter column "role" set not null`.execute(db);
  await sql`alter table "user" add constraint user_role_check
    check ("role" in ('customer', 'seller', 'manager', 'admin', 'superadmin'))`.execute(db);
  await sql`create index user_created_at_idx on "user" ("createdAt" desc, "id" desc)`.execute(db);
  await sql`create index user_role_idx on "user" ("role")`.execute(db);

  await db.schema
    .createTable("api_keys")
    .addColumn("id", "text", (col) => col.primaryKey())
    .addColumn("name", "text", (col) => col.notNull())
    .addColumn("prefix", "text", (col) => col.notNull())
    .addColumn("key_hash", "text", (col) => col.notNull().unique())
    .addColumn("user_id", "text", (col) => col.notNull().references("user.id").onDelete("cascade"))
    .addColumn("role", "text", (col) => col.notNull())
    .addColumn("created_by", "text", (col) => col.notNull().references("user.id"))
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz")
    .addColumn("last_used_at", "timestamptz")
    .addColumn("revoked_at", "timestamptz")
    .execute();
  await db.schema.createIndex("api_keys_user_id_idx").on("api_keys").column("user_id").execute();

  await db.schema
    .createTable("login_lockouts")
    .addColumn("email", "text", (col) => col.primaryKey())
    .addColumn("failed_count", "integer", (col) => col.notNull().check(sql`failed_count >= 0`))
    .addColumn("locked_until", "timestamptz")
    .addColumn("updated_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("audit_log")
    .addColumn("id", "bigserial", (col) => col.primaryKey())
    .addColumn("actor_id", "text", (col) => col.references("user.id").onDelete("set null"))
    .addColumn("action", "text", (col) => col.notNull())
    .addColumn("target_type", "text", (col) => col.notNull())
    .addColumn("target_id", "text", (col) => col.notNull())
    .addColumn("data", "jsonb", (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("request_id", "text")
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("audit_log_target_idx").on("audit_log").columns(["target_type", "target_id"]).execute();
  await db.schema.createIndex("audit_log_created_at_idx").on("audit_log").column("created_at").execute();

  await db.schema
    .createTable("dev_outbox")
    .addColumn("id", "bigserial", (col) => col.primaryKey())
    .addColumn("to_address", "text", (col) => col.notNull())
    .addColumn("subject", "text", (col) => col.notNull())
    .addColumn("text_body", "text", (col) => col.notNull())
    .addColumn("html_body", "text")
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("dev_outbox_to_idx").on("dev_outbox").columns(["to_address", "id"]).execute();
}
