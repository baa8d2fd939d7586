import { sellerBalancesSchema } from "@niaga/contracts";
import { sellerBalances } from "@niaga/core/finance/finance.read";
import { actorOf } from "../../../actor.ts";
import { sellerProcedure } from "../../../trpc.ts";

export const sellerBalancesProcedure = sellerProcedure
  .output(sellerBalancesSchema)
  .query(({ ctx }) => sellerBalances(ctx.db, actorOf(ctx), { currency: ctx.config.CURRENCY }));
