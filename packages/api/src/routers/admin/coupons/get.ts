import { couponDetailSchema, getCouponInputSchema } from "@niaga/contracts";
import { getCoupon } from "@niaga/core/coupons/coupons.read";
import { actorOf } from "../../../actor.ts";
import { adminProcedure } from "../../../trpc.ts";

export const getAdminCouponProcedure = adminProcedure
  .input(getCouponInputSchema)
  .output(couponDetailSchema)
  .query(({ ctx, input }) => getCoupon(ctx.db, actorOf(ctx), input));
