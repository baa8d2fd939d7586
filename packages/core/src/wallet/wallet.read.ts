import type { WalletBalance, WalletHistoryInput, WalletLine } from "@niaga/contracts";
import { decodeLineCursor, linePage } from "../finance/line-cursor.ts";
import { accounts } from "../ledger/ledger.accounts.ts";
import { accountBalance } from "../ledger/ledger.service.ts";
import type { Db } from "../shared/db.ts";

// The wallet is the customer's ledger account (customer_wallet:<userId>): its balance is the
// cached sum of its lines, and spends (the capture entry with walletAmount) are posted with
// mustStayNonNegative, so it never goes below zero under concurrency.

/** The customer's wallet balance (0 before the first top-up or refund). */
export async function walletBalance(db: Db, customerId: string, params: { currency: string }): Promise<WalletBalance> {
  return { currency: params.currency, balance: (await accountBalance(db, accounts.customerWallet(customerId))) + 0 };
}

/** The wallet's movements, newest first: positive amounts came in, negative ones paid for something. */
export async function walletHistory(
  db: Db,
  customerId: string,
  input: WalletHistoryInput,
): Promise<{ items: WalletLine[]; nextCursor: string | null }> {
  let query = db
    .selectFrom("journal_lines as l")
    .innerJoin("ledger_accounts as a", "a.id", "l.account_id")
    .innerJoin("journal_entries as e", "e.id", "l.entry_id")
    .select(["l.id", "l.entry_id", "l.amount", "l.created_at", "e.kind", "e.memo"])
    .where("a.code", "=", accounts.customerWallet(customerId).code)
    .orderBy("l.id", "desc")
    .limit(input.limit + 1);
  if (input.cursor) query = query.where("l.id", "<", decodeLineCursor(input.cursor));
  const rows = await query.execute();
  return linePage(
    rows.map((row) => ({
      id: Number(row.id),
      entryId: row.entry_id,
      kind: row.kind,
      memo: row.memo,
      // The wallet is credit-normal: a credit (negative line) is money into the wallet.
      amount: -row.amount,
      createdAt: row.created_at,
    })),
    input.limit,
  );
}
