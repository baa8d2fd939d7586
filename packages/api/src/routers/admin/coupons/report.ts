import { couponReportInputSchema, couponReportSchema } from "@niaga/contracts";
import { couponReport } from "@niaga/core/coupons/coupons.read";
import { actorOf } from "../../../actor.ts";
import { adminProcedure } from "../../../trpc.ts";

export const adminCouponReportProcedure = adminProcedure
  .input(couponReportInputSchema)
  .output(couponReportSchema)
  .query(({ ctx, input }) =>
    couponReport(ctx.db, actorOf(ctx), { ...input, timeZone: ctx.config.MARKETPLACE_TIME_ZONE }),
  );
