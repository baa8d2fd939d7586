import { coinBalanceSchema } from "@niaga/contracts";
import { coinOverview } from "@niaga/core/coins/coins.read";
import { actorOf } from "../../../actor.ts";
import { customerProcedure } from "../../../trpc.ts";
import { coinPolicyOf } from "./policy.ts";

export const coinBalanceProcedure = customerProcedure.output(coinBalanceSchema).query(({ ctx }) =>
  coinOverview(ctx.db, actorOf(ctx), {
    policy: coinPolicyOf(ctx.config),
    minorUnitsPerCoin: ctx.config.COINS_MINOR_UNITS_PER_COIN,
    maxRedeemPercent: ctx.config.COINS_MAX_REDEEM_PERCENT,
  }),
);
