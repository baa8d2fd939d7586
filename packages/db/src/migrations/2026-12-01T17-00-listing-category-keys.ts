import type { Kysely } from "kysely";
import { sql } from "kysely";

// A category page walks one of the listing sort indexes in order and keeps the products of the
// category's subtree (`category_id = any(…)`). With the category only in the table, every product
// the walk passed over was fetched from the heap to be rejected: a page of 20 read ~170 products.
// As a trailing key column the category is checked in the index itself, and only the page's
// products are fetched (buffers read by the product scan of a page: 176 → 30 in the bench). The
// sort order, and so every listing without a category, is served exactly as before. The rebuild
// holds writes to products while it runs: about a second for the bench's 100,000 products.
const SORT_INDEXES = [
  ["newest", "published_at desc, id desc"],
  ["price", "min_price, id"],
  ["rating", "(rating_sum::numeric / nullif(rating_count, 0)) desc nulls last, id desc"],
  ["sold", "sold_count desc, id desc"],
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, columns] of SORT_INDEXES) {
    const index = `products_visible_${name}_idx`;
    await sql.raw(`drop index ${index}`).execute(db);
    await sql
      .raw(`create index ${index} on products (${columns}, category_id) where status = 'active' and hidden_at is null`)
      .execute(db);
  }
}
