import type { RawBuilder } from "kysely";
import { sql } from "kysely";
import type { ProductFilters } from "../search-engine.ts";

/**
 * Visibility, written exactly as the partial indexes' predicate (`status = 'active' and
 * hidden_at is null`) so the planner can use products_visible_*_idx; the store join drops
 * closed stores (a store on holiday still shows its products).
 */
export const visibleProduct = sql<boolean>`p.status = 'active' and p.hidden_at is null and s.status <> 'closed'`;

/** The filter conditions over `products p` (joined to `stores s`), each a bound parameter. */
export function filterConditions(filters: ProductFilters): RawBuilder<boolean>[] {
  const conditions: RawBuilder<boolean>[] = [];
  if (filters.categoryId !== undefined) {
    // The subtree through the ltree path (GiST-indexed): the category and everything below it.
    // As an array computed once (`= any(array(…))`): an `in (subquery)` became a join that
    // compared every scanned product with every category of the subtree, most of a list page's
    // database time.
    conditions.push(sql<boolean>`p.category_id = any(array(
      select c.id from categories c
      where c.path <@ (select root.path from categories root where root.id = ${filters.categoryId})))`);
  }
  if (filters.store !== undefined) {
    conditions.push(
      sql<boolean>`p.store_id in (select st.id from stores st where st.slug = ${filters.store} or st.id = ${filters.store})`,
    );
  }
  if (filters.minPrice !== undefined) conditions.push(sql<boolean>`p.min_price >= ${filters.minPrice}`);
  if (filters.maxPrice !== undefined) conditions.push(sql<boolean>`p.min_price <= ${filters.maxPrice}`);
  if (filters.inStock) conditions.push(sql<boolean>`p.in_stock`);
  if (filters.minRating !== undefined) {
    // sum / count >= r, without dividing: unrated products (count 0) never pass.
    conditions.push(
      sql<boolean>`p.rating_count > 0 and p.rating_sum >= ${filters.minRating}::numeric * p.rating_count`,
    );
  }
  return conditions;
}

/** `and`-joins conditions (true when there are none). */
export function allOf(conditions: RawBuilder<boolean>[]): RawBuilder<boolean> {
  return conditions.length ? sql<boolean>`(${sql.join(conditions, sql` and `)})` : sql<boolean>`true`;
}
