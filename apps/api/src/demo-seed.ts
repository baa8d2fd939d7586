import type { Auth } from "@niaga/auth";
import { createUserWithPassword } from "@niaga/auth";
import type { Role } from "@niaga/contracts";
import type { Database } from "@niaga/db";
import type { Kysely } from "kysely";

/** Shared by every demo account; printed on start. Demo data only: never seed production. */
export const DEMO_PASSWORD = "niaga-demo-123";

export const DEMO_USERS: readonly { email: string; name: string; role: Role }[] = [
  { email: "customer@niaga.test", name: "Citra Customer", role: "customer" },
  { email: "seller@niaga.test", name: "Sari Seller", role: "seller" },
  { email: "manager@niaga.test", name: "Made Manager", role: "manager" },
  { email: "admin@niaga.test", name: "Adi Admin", role: "admin" },
  { email: "superadmin@niaga.test", name: "Super Admin", role: "superadmin" },
];

/** Creates the demo accounts that do not exist yet; safe to run on every start. */
export async function seedDemoUsers(auth: Auth, db: Kysely<Database>): Promise<string[]> {
  const created: string[] = [];
  for (const user of DEMO_USERS) {
    const exists = await db.selectFrom("user").select("id").where("email", "=", user.email).executeTakeFirst();
    if (exists) continue;
    await createUserWithPassword(auth, { ...user, password: DEMO_PASSWORD });
    created.push(user.email);
  }
  return created;
}
