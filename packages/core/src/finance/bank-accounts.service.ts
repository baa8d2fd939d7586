import type { BankAccount, CreateBankAccountInput } from "@niaga/contracts";
import type { Db } from "../shared/db.ts";
import { inTransaction } from "../shared/db.ts";
import { DomainError, NotFoundError } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { requireSellerStore } from "../stores/stores.service.ts";
import type { Actor } from "../users/users.service.ts";

/** How many bank accounts a store may keep on file at once. */
export const MAX_BANK_ACCOUNTS = 10;

/** "1234567890" → "••••••7890": enough to recognise the account, not enough to use it. */
export function maskAccountNumber(accountNumber: string): string {
  const visible = accountNumber.slice(-4);
  return `${"•".repeat(Math.max(accountNumber.length - 4, 0))}${visible}`;
}

const columns = ["id", "bank_name", "account_holder", "account_number_masked", "created_at"] as const;

function toBankAccount(row: {
  id: string;
  bank_name: string;
  account_holder: string;
  account_number_masked: string;
  created_at: Date;
}): BankAccount {
  return {
    id: row.id,
    bankName: row.bank_name,
    accountHolder: row.account_holder,
    accountNumberMasked: row.account_number_masked,
    createdAt: row.created_at,
  };
}

/** The seller's bank accounts on file, oldest first (deleted ones are hidden). */
export async function listBankAccounts(db: Db, actor: Actor): Promise<BankAccount[]> {
  const store = await requireSellerStore(db, actor.userId);
  const rows = await db
    .selectFrom("bank_accounts")
    .select(columns)
    .where("store_id", "=", store.id)
    .where("deleted_at", "is", null)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map(toBankAccount);
}

/** Adds a bank account to the seller's store (the full number is kept for paying out, the mask for display). */
export async function createBankAccount(db: Db, actor: Actor, input: CreateBankAccountInput): Promise<BankAccount> {
  // The contract strips grouping already; callers that skip it (scripts, tests) get the same rule.
  const accountNumber = input.accountNumber.replace(/[\s-]/g, "");
  if (!/^\d{5,34}$/.test(accountNumber)) {
    throw new DomainError("INVALID", "An account number is 5 to 34 digits", { accountNumber: ["5 to 34 digits"] });
  }
  return inTransaction(db, async (trx) => {
    const store = await requireSellerStore(trx, actor.userId);
    // The store row lock serializes a seller's additions, so the cap holds under concurrency.
    await trx.selectFrom("stores").select("id").where("id", "=", store.id).forUpdate().execute();
    const existing = await trx
      .selectFrom("bank_accounts")
      .select(["account_number", "bank_name"])
      .where("store_id", "=", store.id)
      .where("deleted_at", "is", null)
      .execute();
    if (existing.length >= MAX_BANK_ACCOUNTS) {
      throw new DomainError("INVALID", `A store keeps at most ${MAX_BANK_ACCOUNTS} bank accounts`);
    }
    const bankName = input.bankName.trim();
    if (existing.some((row) => row.account_number === accountNumber && row.bank_name === bankName)) {
      throw new DomainError("CONFLICT", "This bank account is already on file", {
        accountNumber: ["Already on file"],
      });
    }
    const row = await trx
      .insertInto("bank_accounts")
      .values({
        id: newId(),
        store_id: store.id,
        bank_name: bankName,
        account_holder: input.accountHolder.trim(),
        account_number: accountNumber,
        account_number_masked: maskAccountNumber(accountNumber),
        created_at: new Date(),
      })
      .returning(columns)
      .executeTakeFirstOrThrow();
    return toBankAccount(row);
  });
}

/** Removes a bank account from the list; withdrawals already made to it keep naming it. */
export async function deleteBankAccount(db: Db, actor: Actor, params: { id: string }): Promise<{ id: string }> {
  const store = await requireSellerStore(db, actor.userId);
  const row = await db
    .updateTable("bank_accounts")
    .set({ deleted_at: new Date() })
    .where("id", "=", params.id)
    .where("store_id", "=", store.id)
    .where("deleted_at", "is", null)
    .returning("id")
    .executeTakeFirst();
  if (!row) throw new NotFoundError("Bank account");
  return { id: row.id };
}
