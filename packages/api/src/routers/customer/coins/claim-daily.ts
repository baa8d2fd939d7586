import { claimDailyOutputSchema } from "@niaga/contracts";
import { claimDaily } from "@niaga/core/coins/coins.service";
import { actorOf } from "../../../actor.ts";
import { customerProcedure } from "../../../trpc.ts";
import { coinPolicyOf } from "./policy.ts";

/** Claims today's coins; a second claim the same day answers `alreadyClaimed: true`. */
export const claimDailyCoinsProcedure = customerProcedure.output(claimDailyOutputSchema).mutation(({ ctx }) =>
  claimDaily(ctx.db, actorOf(ctx), {
    policy: coinPolicyOf(ctx.config),
    // The coins' money value is posted to the ledger (coins_liability).
    money: { minorUnitsPerCoin: ctx.config.COINS_MINOR_UNITS_PER_COIN, currency: ctx.config.CURRENCY },
  }),
);
