import type { Kysely } from "kysely";
import { sql } from "kysely";

// Indexes for the reviews and follows reads: a customer's own reviews, newest first, and the
// "following" feed (visible products of a store, newest published first), so neither sorts a
// whole table.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index reviews_customer_idx on reviews (customer_id, created_at desc, id desc)`.execute(db);
  await sql`
    create index products_store_published_idx on products (store_id, published_at desc, id desc)
    where status = 'active' and hidden_at is null`.execute(db);
}
