import type { Kysely } from "kysely";
import { sql } from "kysely";

// Keeps products.search_vector in step with the text it indexes: title (weight A), tags (B) and
// description (C). A trigger rather than application code so every writer (services, bulk
// imports, the benchmark seed) gets it, and only when those three columns change.
//
// The text search configuration is 'simple' (lower-casing, no stemming, no stop words) on
// purpose: listings mix Indonesian and English, often in one title ("Sepatu Lari Running Shoes
// Pria"). The 'english' stemmer would mangle Indonesian words (and drop English stop words that
// are meaningful product words), and PostgreSQL ships no Indonesian stemmer; Indonesian affixes
// (me-, di-, -kan) are better served by the trigram fallback than by a wrong stemmer.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function products_search_vector_refresh() returns trigger
    language plpgsql as $$
    begin
      new.search_vector :=
        setweight(to_tsvector('simple', coalesce(new.title, '')), 'A') ||
        setweight(to_tsvector('simple', array_to_string(coalesce(new.tags, '{}'), ' ')), 'B') ||
        setweight(to_tsvector('simple', coalesce(new.description, '')), 'C');
      return new;
    end
    $$`.execute(db);
  await sql`
    create trigger products_search_vector_refresh
    before insert or update of title, tags, description on products
    for each row execute function products_search_vector_refresh()`.execute(db);
  // Backfill rows written before the trigger existed (the update fires it).
  await sql`update products set title = title`.execute(db);

  // Search and suggestions only ever look at visible products; these partial indexes keep the
  // full-text and trigram scans to those rows (drafts, archived and hidden listings are skipped
  // by the index itself instead of by a recheck per row).
  await sql`
    create index products_visible_search_idx on products using gin (search_vector)
    where status = 'active' and hidden_at is null`.execute(db);
  await sql`
    create index products_visible_title_trgm_idx on products using gin (title gin_trgm_ops)
    where status = 'active' and hidden_at is null`.execute(db);
}
