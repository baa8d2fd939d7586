import type { Kysely } from "kysely";
import { sql } from "kysely";

// An order line is history: it keeps the title, variant, SKU, price and store it was sold with,
// so it never needs its variant's row to say what was bought. Its foreign key to the variant cost
// every checkout line a probe that also locked the variant's catalog row, and that lock dirtied
// the row's page: a WAL record per line, and after each checkpoint a full-page image of a random
// variants page when the next reader set its hint bits (measured with pg_walinspect on the
// checkout benchmark: 3 lock records and 0.93 page images, ~8 KB, of a checkout's 35 KB).
//
// What the key guarded, a product deleted while one of its variants is being sold, is kept apart
// by locks instead: deleteProduct locks the product's cart lines and stock levels in checkout's
// lock order before it checks whether the product was ever ordered (lockProductSales), and every
// sale locks the levels it sells from. That a line's product is its variant's product is now
// checkout's to keep (both are copied from the one variant row); the unique index on variants
// (id, product_id) existed only for the key.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table order_lines drop constraint order_lines_variant_fkey`.execute(db);
  await sql`drop index variants_id_product_key`.execute(db);
}
