import type { Database } from "@niaga/db";
import type { Transaction } from "kysely";
import { sql } from "kysely";
import type { Db } from "../shared/db.ts";
import { DomainError } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import type { AccountRef } from "./ledger.accounts.ts";
import { readableBalance } from "./ledger.accounts.ts";

export interface JournalLineInput {
  account: AccountRef;
  /** Signed minor units: positive debits, negative credits. */
  amount: number;
}

export interface JournalEntryInput {
  /** What happened, e.g. "payment.captured", "order.completed", "refund", "withdrawal.approved". */
  kind: string;
  reference: { type: string; id: string };
  /** One entry per business event: posting the same key again posts nothing and returns the first entry. */
  idempotencyKey: string;
  currency: string;
  lines: readonly JournalLineInput[];
  memo?: string;
  actorId?: string | null;
  /**
   * Accounts whose readable balance may not go below zero after this entry (a wallet being spent,
   * a seller's available balance being withdrawn). The entry is refused with INVALID otherwise.
   */
  mustStayNonNegative?: readonly AccountRef[];
}

export interface PostedEntry {
  entryId: string;
  /** True when this idempotency key had been posted before: nothing new was written. */
  duplicate: boolean;
}

/** Thrown when an entry would take a protected account below zero. */
export class InsufficientBalanceError extends DomainError {
  constructor(message: string) {
    super("INVALID", message, { amount: [message] });
    this.name = "InsufficientBalanceError";
  }
}

/**
 * Posts one balanced journal entry in the caller's transaction, with the business change that
 * caused it. Lines for the same account are summed; zero lines are dropped; the sum must be zero.
 * Cached balances move in code order (one lock order for every poster), and protected accounts
 * are checked after the move, under the row lock, so concurrent spends can never overdraw.
 */
export async function postJournalEntry(trx: Transaction<Database>, input: JournalEntryInput): Promise<PostedEntry> {
  const summed = new Map<string, { account: AccountRef; amount: number }>();
  for (const line of input.lines) {
    if (!Number.isSafeInteger(line.amount)) throw new RangeError(`ledger amount ${line.amount} is not a safe integer`);
    const prior = summed.get(line.account.code);
    summed.set(line.account.code, { account: line.account, amount: (prior?.amount ?? 0) + line.amount });
  }
  const lines = [...summed.values()]
    .filter((line) => line.amount !== 0)
    .sort((a, b) => compare(a.account.code, b.account.code));
  const total = lines.reduce((sum, line) => sum + line.amount, 0);
  if (total !== 0) throw new Error(`journal entry ${input.kind} does not balance: lines sum to ${total}`);
  if (lines.length === 0) throw new Error(`journal entry ${input.kind} has no non-zero lines`);

  const entryId = newId();
  const inserted = await trx
    .insertInto("journal_entries")
    .values({
      id: entryId,
      kind: input.kind,
      reference_type: input.reference.type,
      reference_id: input.reference.id,
      idempotency_key: input.idempotencyKey,
      memo: input.memo ?? "",
      actor_id: input.actorId ?? null,
    })
    .onConflict((oc) => oc.column("idempotency_key").doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!inserted) {
    const existing = await trx
      .selectFrom("journal_entries")
      .select("id")
      .where("idempotency_key", "=", input.idempotencyKey)
      .executeTakeFirstOrThrow();
    return { entryId: existing.id, duplicate: true };
  }

  const ids = await ensureAccounts(
    trx,
    lines.map((line) => line.account),
    input.currency,
  );
  await trx
    .insertInto("journal_lines")
    .values(
      lines.map((line) => ({
        entry_id: entryId,
        account_id: ids.get(line.account.code) as string,
        amount: line.amount,
        currency: input.currency,
      })),
    )
    .execute();
  const moved = new Map<string, number>();
  for (const line of lines) {
    const row = await trx
      .updateTable("ledger_accounts")
      .set((eb) => ({ balance: eb("balance", "+", line.amount) }))
      .where("id", "=", ids.get(line.account.code) as string)
      .returning("balance")
      .executeTakeFirstOrThrow();
    moved.set(line.account.code, row.balance);
  }
  for (const account of input.mustStayNonNegative ?? []) {
    const balance = moved.get(account.code);
    if (balance !== undefined && readableBalance(account.normalSide, balance) < 0) {
      throw new InsufficientBalanceError(
        `Insufficient balance: ${account.kind.replaceAll("_", " ")} would go below zero`,
      );
    }
  }
  return { entryId, duplicate: false };
}

function compare(a: string, b: string) {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Creates missing accounts (race-safe) and returns code → id. */
export async function ensureAccounts(
  db: Db,
  refs: readonly AccountRef[],
  currency: string,
): Promise<Map<string, string>> {
  const unique = [...new Map(refs.map((ref) => [ref.code, ref])).values()];
  if (unique.length === 0) return new Map();
  await db
    .insertInto("ledger_accounts")
    .values(
      unique.map((ref) => ({
        id: newId(),
        code: ref.code,
        kind: ref.kind,
        normal_side: ref.normalSide,
        owner_type: ref.ownerType,
        owner_id: ref.ownerId,
        currency,
      })),
    )
    .onConflict((oc) => oc.column("code").doNothing())
    .execute();
  const rows = await db
    .selectFrom("ledger_accounts")
    .select(["id", "code"])
    .where(
      "code",
      "in",
      unique.map((ref) => ref.code),
    )
    .execute();
  return new Map(rows.map((row) => [row.code, row.id]));
}

/** An account's readable balance (0 for an account never used). */
export async function accountBalance(db: Db, account: AccountRef): Promise<number> {
  const row = await db
    .selectFrom("ledger_accounts")
    .select(["balance", "normal_side"])
    .where("code", "=", account.code)
    .executeTakeFirst();
  return row ? readableBalance(row.normal_side, row.balance) : 0;
}

/** Locks accounts (in code order) for a read-then-decide step, e.g. "is the balance enough?". */
export async function lockAccounts(trx: Transaction<Database>, refs: readonly AccountRef[], currency: string) {
  await ensureAccounts(trx, refs, currency);
  const codes = [...new Set(refs.map((ref) => ref.code))].sort(compare);
  const rows = await sql<{ code: string; balance: number; normal_side: "debit" | "credit" }>`
    select code, balance, normal_side from ledger_accounts where code in (${sql.join(codes)}) order by code for update`.execute(
    trx,
  );
  return new Map(rows.rows.map((row) => [row.code, readableBalance(row.normal_side, Number(row.balance))]));
}
