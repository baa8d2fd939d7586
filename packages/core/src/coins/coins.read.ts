import type { CoinBalance, CoinHistoryInput, CoinHistoryPage } from "@niaga/contracts";
import { sql } from "kysely";
import type { Db } from "../shared/db.ts";
import { decodeExactCursor, exactTimestamp, olderThan, pageOf } from "../shared/exact-cursor.ts";
import type { Actor } from "../users/users.service.ts";
import { coinBalance } from "./coins.checkout.ts";
import type { CoinPolicy } from "./coins.policy.ts";
import { addDays, calendarDate, coinsForStreakDay } from "./coins.policy.ts";
import { claimsBetween } from "./coins.queries.ts";

/**
 * The caller's balance with today's claim state. The streak shown is the one still alive: it
 * ends today when today is claimed, or yesterday when only yesterday is (today's claim keeps it).
 */
export async function coinOverview(
  db: Db,
  actor: Actor,
  params: { policy: CoinPolicy; minorUnitsPerCoin: number; maxRedeemPercent: number; now?: Date },
): Promise<CoinBalance> {
  const today = calendarDate(params.now ?? new Date(), params.policy.timeZone);
  const [balance, claims] = await Promise.all([
    coinBalance(db, actor.userId),
    claimsBetween(db, actor.userId, addDays(today, -1), today),
  ]);
  const latest = claims[0];
  const claimedToday = latest?.claim_date === today;
  const streak = latest?.streak ?? 0;
  return {
    balance,
    today,
    claimedToday,
    streak,
    nextClaimCoins: coinsForStreakDay(params.policy, streak + 1),
    minorUnitsPerCoin: params.minorUnitsPerCoin,
    maxRedeemPercent: params.maxRedeemPercent,
  };
}

/** The caller's ledger entries, newest first, keyset-paginated. */
export async function coinHistory(db: Db, actor: Actor, input: CoinHistoryInput): Promise<CoinHistoryPage> {
  const cursor = input.cursor ? decodeExactCursor(input.cursor) : null;
  let query = db
    .selectFrom("coin_entries as e")
    .select([
      "e.id",
      "e.delta",
      "e.kind",
      "e.reference",
      "e.created_at",
      exactTimestamp("e.created_at").as("cursor_at"),
    ])
    .where("e.customer_id", "=", actor.userId)
    .orderBy("e.created_at", "desc")
    .orderBy("e.id", "desc")
    .limit(input.limit + 1);
  if (cursor) query = query.where(olderThan("e.created_at", "e.id", cursor));
  const page = pageOf(await query.execute(), input.limit);
  return {
    items: page.rows.map((row) => ({
      id: row.id,
      delta: row.delta,
      kind: row.kind,
      reference: row.reference,
      createdAt: row.created_at,
    })),
    nextCursor: page.nextCursor,
  };
}

/**
 * Accounts whose cached balance differs from the sum of their ledger entries (empty when the
 * books are right): for a reconciliation job, and the proof the tests rely on.
 */
export async function findBalanceMismatches(db: Db): Promise<{ customerId: string; cached: number; ledger: number }[]> {
  const rows = await db
    .selectFrom("coin_accounts as a")
    .leftJoin("coin_entries as e", "e.customer_id", "a.customer_id")
    .select(["a.customer_id", "a.balance", sql<number>`coalesce(sum(e.delta), 0)::int8`.as("ledger")])
    .groupBy(["a.customer_id", "a.balance"])
    .having(sql<boolean>`a.balance <> coalesce(sum(e.delta), 0)`)
    .execute();
  return rows.map((row) => ({ customerId: row.customer_id, cached: row.balance, ledger: row.ledger }));
}
