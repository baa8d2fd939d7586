import { listCouponsInputSchema, listCouponsOutputSchema } from "@niaga/contracts";
import { listStoreCoupons } from "@niaga/core/coupons/coupons.read";
import { actorOf } from "../../../actor.ts";
import { sellerProcedure } from "../../../trpc.ts";

export const listSellerCouponsProcedure = sellerProcedure
  .input(listCouponsInputSchema)
  .output(listCouponsOutputSchema)
  .query(({ ctx, input }) => listStoreCoupons(ctx.db, actorOf(ctx), input));
