import type { Kysely } from "kysely";
import { sql } from "kysely";

// Fewer checks and index entries per checkout, with integrity kept or tightened. A checkout
// writes holds, journal rows and order lines whose foreign keys PostgreSQL checks one by one,
// each probe also locking the referenced row; and outbox rows and orders with an index too many.
export async function up(db: Kysely<unknown>): Promise<void> {
  // A hold and a journal row are about one stock level: one key to the level (whose row the
  // checkout has locked already) instead of one to the variant and one to the location. Levels
  // go when their variant or location goes, so the journal's cascade and the holds' restriction
  // reach the same rows as before.
  await sql`
    alter table stock_holds
      drop constraint stock_holds_variant_id_fkey,
      drop constraint stock_holds_location_id_fkey,
      add constraint stock_holds_level_fkey foreign key (variant_id, location_id)
        references inventory_levels (variant_id, location_id) on delete restrict not valid`.execute(db);
  await sql`
    alter table inventory_journal
      drop constraint inventory_journal_variant_id_fkey,
      drop constraint inventory_journal_location_id_fkey,
      add constraint inventory_journal_level_fkey foreign key (variant_id, location_id)
        references inventory_levels (variant_id, location_id) on delete cascade not valid`.execute(db);
  // An order line's product is its variant's product: one key says both (it was two that could
  // disagree).
  await sql`create unique index variants_id_product_key on variants (id, product_id)`.execute(db);
  await sql`
    alter table order_lines
      drop constraint order_lines_variant_id_fkey,
      drop constraint order_lines_product_id_fkey,
      add constraint order_lines_variant_fkey foreign key (variant_id, product_id)
        references variants (id, product_id) on delete restrict not valid`.execute(db);
  // Validated apart from adding: existing rows are checked without blocking writes meanwhile.
  await sql`alter table stock_holds validate constraint stock_holds_level_fkey`.execute(db);
  await sql`alter table inventory_journal validate constraint inventory_journal_level_fkey`.execute(db);
  await sql`alter table order_lines validate constraint order_lines_variant_fkey`.execute(db);

  // One index for order numbers: text_pattern_ops serves equality, uniqueness and the prefix
  // search in any collation, so the plain unique index beside it was a second copy.
  await sql`alter table orders drop constraint orders_number_key`.execute(db);
  await sql`drop index orders_number_prefix_idx`.execute(db);
  await sql`create unique index orders_number_key on orders (number text_pattern_ops)`.execute(db);

  // Superseded by dispatched_at (2026-11-24T12-00-notifications): nothing sets or reads it, and
  // its partial index held every event ever written. Dropping the column drops that index.
  await sql`alter table domain_events drop column published_at`.execute(db);
}
