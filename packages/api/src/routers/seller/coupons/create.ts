import { createdCouponSchema, createStoreCouponInputSchema } from "@niaga/contracts";
import { createStoreCoupon } from "@niaga/core/coupons/coupons.service";
import { actorOf } from "../../../actor.ts";
import { sellerProcedure } from "../../../trpc.ts";

export const createSellerCouponProcedure = sellerProcedure
  .input(createStoreCouponInputSchema)
  .output(createdCouponSchema)
  .mutation(({ ctx, input }) => createStoreCoupon(ctx.db, actorOf(ctx), input));
