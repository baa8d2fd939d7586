import type { Config } from "@niaga/config";
import type { CoinPolicy } from "@niaga/core/coins/coins.policy";

/** The coin rules from configuration (MARKETPLACE_TIME_ZONE, COINS_*). */
export function coinPolicyOf(config: Config): CoinPolicy {
  return {
    timeZone: config.MARKETPLACE_TIME_ZONE,
    dailyAmount: config.COINS_DAILY_AMOUNT,
    streakBonus: config.COINS_STREAK_BONUS,
    streakMaxDays: config.COINS_STREAK_MAX_DAYS,
  };
}
