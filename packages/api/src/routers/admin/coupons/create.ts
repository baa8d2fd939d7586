import { createdCouponSchema, createPlatformCouponInputSchema } from "@niaga/contracts";
import { createPlatformCoupon } from "@niaga/core/coupons/coupons.service";
import { actorOf } from "../../../actor.ts";
import { adminProcedure } from "../../../trpc.ts";

export const createAdminCouponProcedure = adminProcedure
  .input(createPlatformCouponInputSchema)
  .output(createdCouponSchema)
  .mutation(({ ctx, input }) => createPlatformCoupon(ctx.db, actorOf(ctx), input));
