import type { ClaimDailyResult } from "@niaga/contracts";
import { recordAudit } from "../audit/audit.ts";
import type { CoinMoney } from "../ledger/ledger.flows.ts";
import { DEFAULT_COIN_MONEY, lockCoinLedger, recordCoinsIssued } from "../ledger/ledger.flows.ts";
import type { Db } from "../shared/db.ts";
import { inTransaction } from "../shared/db.ts";
import { DomainError } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import type { Actor } from "../users/users.service.ts";
import type { CoinPolicy } from "./coins.policy.ts";
import { addDays, calendarDate, coinsForStreakDay } from "./coins.policy.ts";
import { appendEntries, claimsBetween, lockAccount } from "./coins.queries.ts";

/**
 * Claims today's coins (today in the policy's time zone). Once per calendar day: a second claim
 * answers `alreadyClaimed: true` with the day's claim and credits nothing. The streak continues
 * when yesterday was claimed and restarts at 1 after a gap.
 *
 * Concurrency: the account row lock serializes a customer's claims, and the claim's primary key
 * (customer, date) refuses a second row for the day even if that lock were ever skipped.
 * `now` is injectable for tests; it defaults to the current time. The coins' money value is
 * posted to the ledger (Dr platform_promotions, Cr coins_liability) in the same transaction.
 */
export async function claimDaily(
  db: Db,
  actor: Actor,
  params: { policy: CoinPolicy; now?: Date; money?: CoinMoney },
): Promise<ClaimDailyResult> {
  const today = calendarDate(params.now ?? new Date(), params.policy.timeZone);
  const money = params.money ?? DEFAULT_COIN_MONEY;
  return inTransaction(db, async (trx) => {
    await lockCoinLedger(trx, money.currency);
    const account = await lockAccount(trx, actor.userId);
    const [latest] = await claimsBetween(trx, actor.userId, addDays(today, -1), today);
    if (latest?.claim_date === today) {
      return {
        alreadyClaimed: true,
        claimDate: today,
        streak: latest.streak,
        coins: latest.coins,
        balance: account.balance,
      };
    }
    // Whatever is left is yesterday's claim, which the new claim continues.
    const streak = latest ? latest.streak + 1 : 1;
    const coins = coinsForStreakDay(params.policy, streak);
    const inserted = await trx
      .insertInto("coin_daily_claims")
      .values({ customer_id: actor.userId, claim_date: today, streak, coins })
      .onConflict((oc) => oc.columns(["customer_id", "claim_date"]).doNothing())
      .returning("streak")
      .executeTakeFirst();
    if (!inserted) throw new DomainError("CONFLICT", "Today's coins were already claimed");
    const balance = await appendEntries(trx, actor.userId, [
      { delta: params.policy.dailyAmount, kind: "daily_claim", reference: today },
      { delta: coins - params.policy.dailyAmount, kind: "streak_bonus", reference: today },
    ]);
    await recordCoinsIssued(trx, {
      customerId: actor.userId,
      value: coins * money.minorUnitsPerCoin,
      currency: money.currency,
      idempotencyKey: `coins.claim:${actor.userId}:${today}`,
      memo: `Daily coins claimed for ${today}`,
    });
    return { alreadyClaimed: false, claimDate: today, streak, coins, balance };
  });
}

/**
 * A staff correction of a customer's balance (goodwill credit, fraud clawback), audited in the
 * same transaction with its ledger entry. A debit may not take the balance below zero.
 */
export async function adjustCoins(
  db: Db,
  actor: Actor,
  params: { customerId: string; delta: number; reason: string; money?: CoinMoney },
): Promise<{ balance: number }> {
  const money = params.money ?? DEFAULT_COIN_MONEY;
  if (!Number.isSafeInteger(params.delta) || params.delta === 0) {
    throw new DomainError("INVALID", "The adjustment must be a non-zero whole number of coins", {
      delta: ["Must be a non-zero whole number"],
    });
  }
  return inTransaction(db, async (trx) => {
    const user = await trx.selectFrom("user").select("id").where("id", "=", params.customerId).executeTakeFirst();
    if (!user) throw new DomainError("NOT_FOUND", "Customer not found");
    await lockCoinLedger(trx, money.currency);
    const account = await lockAccount(trx, params.customerId);
    if (account.balance + params.delta < 0) {
      throw new DomainError("INVALID", "Not enough coins", {
        delta: [`The balance is ${account.balance} coins`],
      });
    }
    const balance = await appendEntries(trx, params.customerId, [
      { delta: params.delta, kind: "adjustment", reference: params.reason },
    ]);
    await recordCoinsIssued(trx, {
      customerId: params.customerId,
      value: params.delta * money.minorUnitsPerCoin,
      currency: money.currency,
      idempotencyKey: `coins.adjustment:${newId()}`,
      memo: `Coins adjusted: ${params.reason}`,
      actorId: actor.userId,
    });
    await recordAudit(trx, {
      actorId: actor.userId,
      action: "coins.adjusted",
      targetType: "user",
      targetId: params.customerId,
      data: { delta: params.delta, reason: params.reason, balanceAfter: balance },
      requestId: actor.requestId,
    });
    return { balance };
  });
}
