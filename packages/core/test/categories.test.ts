import {
  createCategory,
  deleteCategory,
  listCategories,
  moveCategory,
  updateCategory,
} from "@niaga/core/categories/categories.service";
import type { Actor } from "@niaga/core/users/users.service";
import type { TestDatabase } from "@niaga/testing/database";
import { createTestDatabase } from "@niaga/testing/database";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertUser, productFor, sellerWithStore } from "./support/catalog-fixtures.ts";

let database: TestDatabase;
let manager: Actor;
beforeAll(async () => {
  database = await createTestDatabase();
  manager = await insertUser(database.db, "manager");
});
afterAll(() => database.drop());

async function codeOf(promise: Promise<unknown>) {
  return promise.then(
    () => "OK",
    (error: { code?: string }) => error.code,
  );
}

const make = (name: string, slug: string, parentId: string | null = null, position?: number) =>
  createCategory(database.db, manager, { name, slug, parentId, ...(position !== undefined && { position }) });

describe("category tree", () => {
  it("lists parents before children, siblings by position, with id paths", async () => {
    const fashion = await make("Fashion", "t1-fashion", null, 0);
    const shirts = await make("Kemeja", "t1-kemeja", fashion.id, 1);
    const tees = await make("Kaos", "t1-kaos", fashion.id, 0);
    const polos = await make("Polo", "t1-polo", tees.id);
    expect(polos.path).toEqual([fashion.id, tees.id, polos.id]);
    expect(polos.depth).toBe(2);
    const { items } = await listCategories(database.db);
    const ids = items.map((item) => item.id);
    expect(ids.indexOf(fashion.id)).toBeLessThan(ids.indexOf(tees.id));
    expect(ids.indexOf(tees.id)).toBeLessThan(ids.indexOf(polos.id));
    expect(ids.indexOf(polos.id)).toBeLessThan(ids.indexOf(shirts.id));
  });

  it("refuses duplicate slugs and unknown parents with field errors", async () => {
    await make("Elektronik", "t2-elektronik");
    const duplicate = await make("Lagi", "t2-elektronik").catch((error) => error);
    expect(duplicate).toMatchObject({ code: "CONFLICT", fields: { slug: ["This slug is already in use"] } });
    const orphan = await make("Yatim", "t2-yatim", "nope").catch((error) => error);
    expect(orphan).toMatchObject({ code: "INVALID", fields: { parentId: ["Unknown category"] } });
    const renamed = await make("Audio", "t2-audio");
    expect(
      await codeOf(updateCategory(database.db, manager, { id: renamed.id, data: { slug: "t2-elektronik" } })),
    ).toBe("CONFLICT");
    const updated = await updateCategory(database.db, manager, { id: renamed.id, data: { name: "Audio & Video" } });
    expect(updated.name).toBe("Audio & Video");
  });

  it("moves a subtree and rewrites every path below it in one transaction", async () => {
    const home = await make("Rumah", "t3-rumah");
    const kitchen = await make("Dapur", "t3-dapur", home.id);
    const pans = await make("Panci", "t3-panci", kitchen.id);
    const knives = await make("Pisau", "t3-pisau", kitchen.id);
    const living = await make("Ruang Tamu", "t3-ruang-tamu");
    const moved = await moveCategory(database.db, manager, { id: kitchen.id, parentId: living.id });
    expect(moved.path).toEqual([living.id, kitchen.id]);
    const { items } = await listCategories(database.db);
    const byId = new Map(items.map((item) => [item.id, item]));
    expect(byId.get(pans.id)?.path).toEqual([living.id, kitchen.id, pans.id]);
    expect(byId.get(knives.id)?.path).toEqual([living.id, kitchen.id, knives.id]);
    // The ltree subtree operator agrees with the parent ids.
    const subtree = await sql<{ id: string }>`
      select id from categories where path <@ (select path from categories where id = ${living.id}) order by id`.execute(
      database.db,
    );
    expect(subtree.rows.map((row) => row.id).sort()).toEqual([living.id, kitchen.id, pans.id, knives.id].sort());
    const toRoot = await moveCategory(database.db, manager, { id: kitchen.id, parentId: null });
    expect(toRoot.path).toEqual([kitchen.id]);
    expect((await listCategories(database.db)).items.find((item) => item.id === pans.id)?.path).toEqual([
      kitchen.id,
      pans.id,
    ]);
  });

  it("refuses a move into its own subtree (itself included)", async () => {
    const root = await make("Akar", "t4-akar");
    const child = await make("Anak", "t4-anak", root.id);
    const grandchild = await make("Cucu", "t4-cucu", child.id);
    for (const parentId of [root.id, child.id, grandchild.id]) {
      const error = await moveCategory(database.db, manager, { id: root.id, parentId }).catch((caught) => caught);
      expect(error).toMatchObject({ code: "INVALID", fields: { parentId: expect.any(Array) } });
    }
  });

  it("keeps paths consistent when moves race each other", async () => {
    const a = await make("A", "t5-a");
    const b = await make("B", "t5-b");
    const leaf = await make("Daun", "t5-daun", a.id);
    // Moving a under b and b under a at once: the tree lock makes one win and the other refuse.
    const results = await Promise.all([
      codeOf(moveCategory(database.db, manager, { id: a.id, parentId: b.id })),
      codeOf(moveCategory(database.db, manager, { id: b.id, parentId: a.id })),
    ]);
    expect(results.sort()).toEqual(["INVALID", "OK"]);
    const rows = await sql<{ id: string; parent_id: string | null; path: string; parent_path: string | null }>`
      select c.id, c.parent_id, c.path::text as path, p.path::text as parent_path
      from categories c left join categories p on p.id = c.parent_id
      where c.id in (${a.id}, ${b.id}, ${leaf.id})`.execute(database.db);
    for (const row of rows.rows) {
      expect(row.path).toBe(row.parent_path ? `${row.parent_path}.${row.id}` : row.id);
    }
  });

  it("refuses to delete a category with children or products, and deletes an empty leaf", async () => {
    const parent = await make("Induk", "t6-induk");
    const leaf = await make("Daun", "t6-daun", parent.id);
    const withChild = await deleteCategory(database.db, manager, { id: parent.id }).catch((error) => error);
    expect(withChild).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/subcategor/) });
    const { seller } = await sellerWithStore(database.db);
    const product = await productFor(database.db, seller, leaf.id, { status: "archived" });
    const withProducts = await deleteCategory(database.db, manager, { id: leaf.id }).catch((error) => error);
    expect(withProducts).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/products/) });
    await database.db.deleteFrom("products").where("id", "=", product.id).execute();
    await deleteCategory(database.db, manager, { id: leaf.id });
    await deleteCategory(database.db, manager, { id: parent.id });
    expect(await codeOf(deleteCategory(database.db, manager, { id: parent.id }))).toBe("NOT_FOUND");
    const audit = await database.db
      .selectFrom("audit_log")
      .select("action")
      .where("target_id", "=", parent.id)
      .orderBy("id")
      .execute();
    expect(audit.map((row) => row.action)).toEqual(["category.created", "category.deleted"]);
  });
});
