import { sql } from "kysely";
import type { Db } from "../shared/db.ts";

export interface CategoryRecord {
  id: string;
  parent_id: string | null;
  name: string;
  slug: string;
  path: string;
  position: number;
}

/** ltree labels allow [A-Za-z0-9_] only; ids are base36 already, this keeps any other id safe. */
export function labelOf(id: string): string {
  return id.replace(/[^A-Za-z0-9_]/g, "_");
}

const columns = ["id", "parent_id", "name", "slug", "position", sql<string>`path::text`.as("path")] as const;

export function findAllCategories(db: Db): Promise<CategoryRecord[]> {
  return db.selectFrom("categories").select(columns).execute();
}

export function findCategory(db: Db, id: string): Promise<CategoryRecord | undefined> {
  return db.selectFrom("categories").select(columns).where("id", "=", id).executeTakeFirst();
}

/**
 * Structural changes (create, move, delete) take one transaction-scoped advisory lock, so a
 * move never races a create under a node of the subtree being moved.
 */
export async function lockCategoryTree(db: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('niaga.categories.tree'))`.execute(db);
}

export async function nextSiblingPosition(db: Db, parentId: string | null): Promise<number> {
  const row = await db
    .selectFrom("categories")
    .select(sql<number | null>`max(position)`.as("max"))
    .where((eb) => (parentId === null ? eb("parent_id", "is", null) : eb("parent_id", "=", parentId)))
    .executeTakeFirst();
  return row?.max == null ? 0 : row.max + 1;
}

/** Rewrites the paths of `oldPath`'s whole subtree to start at `newPath`, in one statement. */
export async function rewriteSubtreePaths(db: Db, params: { oldPath: string; newPath: string }): Promise<void> {
  const { oldPath, newPath } = params;
  await sql`
    update categories
    set path = case when path = ${oldPath}::ltree then ${newPath}::ltree
                    else ${newPath}::ltree || subpath(path, nlevel(${oldPath}::ltree)) end
    where path <@ ${oldPath}::ltree`.execute(db);
}
