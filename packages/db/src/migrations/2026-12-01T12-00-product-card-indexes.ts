import type { Kysely } from "kysely";
import { sql } from "kysely";

// Every product card (list pages, search, the following feed) shows its cheapest live variant's
// compare-at price and its first image. These indexes hold both in the order the card reads them,
// so each is the first entry of an index probe instead of a probe followed by a sort.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index variants_live_by_price_idx on variants (product_id, price, position, id)
    where archived_at is null`.execute(db);
  // Supersedes (product_id, position): the same prefix, with the id that breaks position ties.
  await sql`create index product_images_order_idx on product_images (product_id, position, id)`.execute(db);
  await sql`drop index product_images_product_idx`.execute(db);
}
