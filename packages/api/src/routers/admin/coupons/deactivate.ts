import { couponIdInputSchema, couponSchema } from "@niaga/contracts";
import { deactivateCoupon } from "@niaga/core/coupons/coupons.service";
import { actorOf } from "../../../actor.ts";
import { adminProcedure } from "../../../trpc.ts";

export const deactivateAdminCouponProcedure = adminProcedure
  .input(couponIdInputSchema)
  .output(couponSchema)
  .mutation(({ ctx, input }) => deactivateCoupon(ctx.db, actorOf(ctx), input));
