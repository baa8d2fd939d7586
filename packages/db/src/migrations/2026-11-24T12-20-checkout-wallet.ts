import type { Kysely } from "kysely";
import { sql } from "kysely";

// The part of a checkout the customer pays from their wallet, held at checkout (so it cannot be
// spent twice) and taken at capture; the provider is asked for the rest.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table checkouts add column wallet_amount bigint not null default 0 check (wallet_amount >= 0)`.execute(
    db,
  );
}
