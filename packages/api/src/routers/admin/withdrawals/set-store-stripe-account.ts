import { setStoreStripeAccountInputSchema, storePayoutAccountSchema } from "@niaga/contracts";
import { setStoreStripeAccount } from "@niaga/core/finance/payout-accounts";
import { actorOf } from "../../../actor.ts";
import { adminProcedure } from "../../../trpc.ts";

export const setStoreStripeAccountProcedure = adminProcedure
  .input(setStoreStripeAccountInputSchema)
  .output(storePayoutAccountSchema)
  .mutation(({ ctx, input }) => setStoreStripeAccount(ctx.db, actorOf(ctx), input));
