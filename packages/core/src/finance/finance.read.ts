import type {
  EarningsInput,
  EarningsReport,
  SellerAccountKind,
  SellerBalances,
  StatementInput,
  StatementLine,
} from "@niaga/contracts";
import { sql } from "kysely";
import { accounts } from "../ledger/ledger.accounts.ts";
import { accountBalance } from "../ledger/ledger.service.ts";
import type { Db } from "../shared/db.ts";
import { requireSellerStore } from "../stores/stores.service.ts";
import type { Actor } from "../users/users.service.ts";
import { decodeLineCursor, linePage } from "./line-cursor.ts";

const ACCOUNT_KIND: Record<string, SellerAccountKind> = {
  seller_pending: "pending",
  seller_available: "available",
  payouts_in_transit: "in_transit",
};
const LEDGER_KIND: Record<SellerAccountKind, string> = {
  pending: "seller_pending",
  available: "seller_available",
  in_transit: "payouts_in_transit",
};

/** The seller's pending, available and in-transit balances (only their own store's). */
export async function sellerBalances(db: Db, actor: Actor, params: { currency: string }): Promise<SellerBalances> {
  const store = await requireSellerStore(db, actor.userId);
  const [pending, available, inTransit] = await Promise.all([
    accountBalance(db, accounts.sellerPending(store.id)),
    accountBalance(db, accounts.sellerAvailable(store.id)),
    accountBalance(db, accounts.payoutsInTransit(store.id)),
  ]);
  // `+ 0` turns the -0 a zero credit-normal balance reads as into 0.
  return { currency: params.currency, pending: pending + 0, available: available + 0, inTransit: inTransit + 0 };
}

/**
 * The seller's statement: every journal line on their store's accounts, newest first, with the
 * entry's kind and memo and the order it came from (an order's own entries, or this store's order
 * in a captured checkout). Amounts read as the seller does: positive when they are owed more.
 */
export async function sellerStatement(
  db: Db,
  actor: Actor,
  input: StatementInput,
): Promise<{ items: StatementLine[]; nextCursor: string | null }> {
  const store = await requireSellerStore(db, actor.userId);
  let query = db
    .selectFrom("journal_lines as l")
    .innerJoin("ledger_accounts as a", "a.id", "l.account_id")
    .innerJoin("journal_entries as e", "e.id", "l.entry_id")
    .leftJoin("orders as o", (join) =>
      join.on(
        sql<boolean>`(e.reference_type = 'order' and o.id = e.reference_id)
          or (e.reference_type = 'checkout' and o.checkout_id = e.reference_id and o.store_id = ${store.id})`,
      ),
    )
    .select([
      "l.id",
      "l.entry_id",
      "l.amount",
      "l.created_at",
      "a.kind as account_kind",
      "e.kind",
      "e.memo",
      "o.id as order_id",
      "o.number as order_number",
    ])
    .where("a.owner_type", "=", "store")
    .where("a.owner_id", "=", store.id)
    .where("a.kind", "in", Object.keys(ACCOUNT_KIND))
    .orderBy("l.id", "desc")
    .limit(input.limit + 1);
  if (input.account) query = query.where("a.kind", "=", LEDGER_KIND[input.account]);
  if (input.cursor) query = query.where("l.id", "<", decodeLineCursor(input.cursor));
  const rows = await query.execute();
  return linePage(
    rows.map((row) => ({
      id: Number(row.id),
      entryId: row.entry_id,
      kind: row.kind,
      memo: row.memo,
      account: ACCOUNT_KIND[row.account_kind] ?? "pending",
      // Seller accounts are credit-normal: a credit (negative line) is money owed to the seller.
      amount: 0 - row.amount,
      orderId: row.order_id,
      orderNumber: row.order_number,
      createdAt: row.created_at,
    })),
    input.limit,
  );
}

/**
 * Earnings per day, week (ISO, from Monday) or month in the marketplace time zone, from `from`
 * to `to` (calendar dates there, both included): the seller's share credited by captured orders,
 * what refunds took back (from pending or available), and the net. Every period in the range is
 * listed, with zeros where nothing happened.
 */
export async function sellerEarnings(
  db: Db,
  actor: Actor,
  input: EarningsInput & { timeZone: string; currency: string },
): Promise<EarningsReport> {
  const store = await requireSellerStore(db, actor.userId);
  const unit = sql.lit(input.granularity);
  const zone = input.timeZone;
  const result = await sql<{ period: string; earned: string; refunded: string }>`
    with periods as (
      select generate_series(date_trunc(${unit}, ${input.from}::date), date_trunc(${unit}, ${input.to}::date),
        ('1 ' || ${unit})::interval)::date as period
    ), moves as (
      select date_trunc(${unit}, l.created_at at time zone ${zone})::date as period, e.kind, -l.amount as amount
      from journal_lines l
      join ledger_accounts a on a.id = l.account_id
      join journal_entries e on e.id = l.entry_id
      where a.owner_type = 'store' and a.owner_id = ${store.id}
        and a.kind in ('seller_pending', 'seller_available')
        and e.kind in ('payment.captured', 'refund')
        and l.created_at >= (${input.from}::date)::timestamp at time zone ${zone}
        and l.created_at < (${input.to}::date + 1)::timestamp at time zone ${zone}
    )
    select p.period::text as period,
      coalesce(sum(m.amount) filter (where m.kind = 'payment.captured'), 0)::text as earned,
      coalesce(-sum(m.amount) filter (where m.kind = 'refund'), 0)::text as refunded
    from periods p left join moves m on m.period = p.period
    group by p.period order by p.period`.execute(db);
  const periods = result.rows.map((row) => {
    const earned = Number(row.earned);
    const refunded = Number(row.refunded);
    return { period: row.period, earned, refunded, net: earned - refunded };
  });
  const earned = periods.reduce((sum, period) => sum + period.earned, 0);
  const refunded = periods.reduce((sum, period) => sum + period.refunded, 0);
  return {
    currency: input.currency,
    granularity: input.granularity,
    timeZone: zone,
    periods,
    total: { earned, refunded, net: earned - refunded },
  };
}
