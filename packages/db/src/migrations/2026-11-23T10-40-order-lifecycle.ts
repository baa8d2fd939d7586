import type { Kysely } from "kysely";
import { sql } from "kysely";

// The order lifecycle's own columns: the courier the seller actually handed the parcel to (the
// checkout's chosen courier stays as it was bought), and a prefix index for order-number search.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table orders add column shipped_courier text`.execute(db);
  // text_pattern_ops lets `number like 'NG-2026%'` use the index whatever the database collation.
  await sql`create index orders_number_prefix_idx on orders (number text_pattern_ops)`.execute(db);
}
