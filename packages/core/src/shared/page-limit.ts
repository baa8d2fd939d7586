import type { RawBuilder } from "kysely";
import { sql } from "kysely";

/**
 * A page size written into the SQL as a literal, not bound as a parameter. Statements are
 * prepared once per connection, and PostgreSQL plans a prepared statement generically only when
 * that plan costs no more than the custom ones: with `limit $n` the generic plan cannot know the
 * page is small, so it never wins, and every execution is planned again (about 0.8 ms of a 2 ms
 * list page in the bench). Page sizes are validated small integers, so the distinct statements
 * this makes stay few.
 */
export function pageLimit(rows: number): RawBuilder<number> {
  if (!Number.isSafeInteger(rows) || rows < 1) throw new RangeError(`page limit must be a positive integer: ${rows}`);
  return sql.lit(rows);
}
