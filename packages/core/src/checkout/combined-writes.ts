import type { OperationNodeSource } from "kysely";
import { sql } from "kysely";
import type { Db } from "../shared/db.ts";

/**
 * Runs independent data-modifying statements as one: each but the last becomes a CTE of the
 * last. One round trip and one plan instead of one per statement, which is most of what a small
 * insert costs. The statements must not touch the same rows (they all see the same snapshot);
 * foreign keys between them hold, since PostgreSQL checks them at the end of the whole statement.
 */
export async function executeTogether(db: Db, statements: readonly OperationNodeSource[]): Promise<void> {
  const last = statements.at(-1);
  if (!last) return;
  const ctes = statements.slice(0, -1).map((statement, index) => sql`${sql.raw(`w${index}`)} as (${statement})`);
  if (ctes.length === 0) await sql`${last}`.execute(db);
  else await sql`with ${sql.join(ctes)} ${last}`.execute(db);
}
