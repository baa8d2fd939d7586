import type { ListUsersInput } from "@niaga/contracts";
import type { UserRow } from "@niaga/db";
import { decodeCursor } from "../shared/cursor.ts";
import type { Db } from "../shared/db.ts";

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom("user").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Locks the user row for the rest of the transaction, so concurrent role changes serialise. */
export async function lockUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom("user").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
}

/** Newest first, keyset-paginated; fetches one extra row to know whether a next page exists. */
export async function findUsersPage(db: Db, input: ListUsersInput): Promise<UserRow[]> {
  let query = db
    .selectFrom("user")
    .selectAll()
    .orderBy("createdAt", "desc")
    .orderBy("id", "desc")
    .limit(input.limit + 1);
  if (input.search) {
    const pattern = `%${input.search.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
    query = query.where((eb) => eb.or([eb("email", "ilike", pattern), eb("name", "ilike", pattern)]));
  }
  if (input.role) query = query.where("role", "=", input.role);
  if (input.active !== undefined) {
    query = input.active
      ? query.where((eb) => eb.or([eb("banned", "is", null), eb("banned", "=", false)]))
      : query.where("banned", "=", true);
  }
  if (input.cursor) {
    const cursor = decodeCursor(input.cursor);
    query = query.where((eb) =>
      eb.or([eb("createdAt", "<", cursor.at), eb.and([eb("createdAt", "=", cursor.at), eb("id", "<", cursor.id)])]),
    );
  }
  return query.execute();
}
