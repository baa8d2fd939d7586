import type { Category, CreateCategoryInput, MoveCategoryInput, UpdateCategoryInput } from "@niaga/contracts";
import { recordAudit } from "../audit/audit.ts";
import type { Db } from "../shared/db.ts";
import { inTransaction } from "../shared/db.ts";
import { DomainError, NotFoundError } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { isForeignKeyViolation, isUniqueViolation } from "../shared/pg-errors.ts";
import type { Actor } from "../users/users.service.ts";
import type { CategoryRecord } from "./categories.queries.ts";
import {
  findAllCategories,
  findCategory,
  labelOf,
  lockCategoryTree,
  nextSiblingPosition,
  rewriteSubtreePaths,
} from "./categories.queries.ts";

const slugTaken = () =>
  new DomainError("CONFLICT", "That category slug is taken", { slug: ["This slug is already in use"] });
const unknownParent = () =>
  new DomainError("INVALID", "The parent category does not exist", { parentId: ["Unknown category"] });

function toCategory(row: CategoryRecord): Category {
  const path = row.path.split(".");
  return {
    id: row.id,
    parentId: row.parent_id,
    name: row.name,
    slug: row.slug,
    // Labels are the ids (sanitised); map back through the row ids so callers get real ids.
    path,
    depth: path.length - 1,
    position: row.position,
  };
}

/** The whole tree, flat, depth-first: each parent before its children, siblings by position then name. */
export async function listCategories(db: Db): Promise<{ items: Category[] }> {
  const rows = await findAllCategories(db);
  const byParent = new Map<string | null, CategoryRecord[]>();
  for (const row of rows) byParent.set(row.parent_id, [...(byParent.get(row.parent_id) ?? []), row]);
  const labelToId = new Map(rows.map((row) => [labelOf(row.id), row.id]));
  const items: Category[] = [];
  const visit = (parentId: string | null) => {
    const children = (byParent.get(parentId) ?? []).sort(
      (a, b) => a.position - b.position || a.name.localeCompare(b.name),
    );
    for (const child of children) {
      const category = toCategory(child);
      items.push({ ...category, path: category.path.map((label) => labelToId.get(label) ?? label) });
      visit(child.id);
    }
  };
  visit(null);
  return { items };
}

async function audit(db: Db, actor: Actor, action: string, id: string, data: Record<string, unknown>) {
  await recordAudit(db, {
    actorId: actor.userId,
    action,
    targetType: "category",
    targetId: id,
    data,
    requestId: actor.requestId,
  });
}

export async function createCategory(db: Db, actor: Actor, input: CreateCategoryInput): Promise<Category> {
  return inTransaction(db, async (trx) => {
    await lockCategoryTree(trx);
    const parent = input.parentId ? await findCategory(trx, input.parentId) : null;
    if (input.parentId && !parent) throw unknownParent();
    const id = newId();
    const position = input.position ?? (await nextSiblingPosition(trx, input.parentId));
    try {
      await trx
        .insertInto("categories")
        .values({
          id,
          parent_id: input.parentId,
          name: input.name,
          slug: input.slug,
          path: parent ? `${parent.path}.${labelOf(id)}` : labelOf(id),
          position,
        })
        .execute();
    } catch (error) {
      if (isUniqueViolation(error, "categories_slug_key")) throw slugTaken();
      throw error;
    }
    await audit(trx, actor, "category.created", id, { name: input.name, parentId: input.parentId });
    return toCategory(await requireCategory(trx, id));
  });
}

async function requireCategory(db: Db, id: string): Promise<CategoryRecord> {
  const row = await findCategory(db, id);
  if (!row) throw new NotFoundError("Category");
  return row;
}

export async function updateCategory(db: Db, actor: Actor, input: UpdateCategoryInput): Promise<Category> {
  return inTransaction(db, async (trx) => {
    await requireCategory(trx, input.id);
    try {
      await trx
        .updateTable("categories")
        .set({
          ...(input.data.name !== undefined && { name: input.data.name }),
          ...(input.data.slug !== undefined && { slug: input.data.slug }),
          ...(input.data.position !== undefined && { position: input.data.position }),
        })
        .where("id", "=", input.id)
        .execute();
    } catch (error) {
      if (isUniqueViolation(error, "categories_slug_key")) throw slugTaken();
      throw error;
    }
    await audit(trx, actor, "category.updated", input.id, { ...input.data });
    return toCategory(await requireCategory(trx, input.id));
  });
}

/**
 * Moves a category with its whole subtree: every path below it is rewritten in the same
 * transaction. Moving a category under itself or one of its descendants is refused.
 */
export async function moveCategory(db: Db, actor: Actor, input: MoveCategoryInput): Promise<Category> {
  return inTransaction(db, async (trx) => {
    await lockCategoryTree(trx);
    const node = await requireCategory(trx, input.id);
    const parent = input.parentId ? await findCategory(trx, input.parentId) : null;
    if (input.parentId && !parent) throw unknownParent();
    if (parent && (parent.path === node.path || parent.path.startsWith(`${node.path}.`))) {
      throw new DomainError("INVALID", "A category cannot move into its own subtree", {
        parentId: ["Choose a parent outside this category's subtree"],
      });
    }
    const newPath = parent ? `${parent.path}.${labelOf(node.id)}` : labelOf(node.id);
    await rewriteSubtreePaths(trx, { oldPath: node.path, newPath });
    const position = input.position ?? (await nextSiblingPosition(trx, input.parentId));
    await trx
      .updateTable("categories")
      .set({ parent_id: input.parentId, position })
      .where("id", "=", node.id)
      .execute();
    await audit(trx, actor, "category.moved", node.id, { from: node.parent_id, to: input.parentId });
    return toCategory(await requireCategory(trx, node.id));
  });
}

/** Deletes an empty leaf; a category with children or products (any status) is refused. */
export async function deleteCategory(db: Db, actor: Actor, params: { id: string }): Promise<{ id: string }> {
  return inTransaction(db, async (trx) => {
    await lockCategoryTree(trx);
    const node = await requireCategory(trx, params.id);
    const child = await trx.selectFrom("categories").select("id").where("parent_id", "=", node.id).executeTakeFirst();
    if (child) throw new DomainError("CONFLICT", "This category has subcategories; move or delete them first");
    const product = await trx.selectFrom("products").select("id").where("category_id", "=", node.id).executeTakeFirst();
    if (product) throw new DomainError("CONFLICT", "This category still has products; move them first");
    try {
      await trx.deleteFrom("categories").where("id", "=", node.id).execute();
    } catch (error) {
      // A product created in this category while we checked: the foreign key still says no.
      if (isForeignKeyViolation(error)) throw new DomainError("CONFLICT", "This category still has products");
      throw error;
    }
    await audit(trx, actor, "category.deleted", node.id, { name: node.name, slug: node.slug });
    return { id: node.id };
  });
}
