import type { InventoryLevel, JournalEntry, ListInventoryInput, ListJournalInput } from "@niaga/contracts";
import type { Db } from "../shared/db.ts";
import { requireSellerStore } from "../stores/stores.service.ts";
import type { Actor } from "../users/users.service.ts";
import { findJournalPage, findLevelsPage } from "./inventory.queries.ts";

export async function listInventory(
  db: Db,
  actor: Actor,
  input: ListInventoryInput,
): Promise<{ items: InventoryLevel[]; nextCursor: string | null }> {
  const store = await requireSellerStore(db, actor.userId);
  return findLevelsPage(db, store.id, input);
}

export async function listInventoryJournal(
  db: Db,
  actor: Actor,
  input: ListJournalInput,
): Promise<{ items: JournalEntry[]; nextCursor: string | null }> {
  const store = await requireSellerStore(db, actor.userId);
  return findJournalPage(db, store.id, input);
}
