import { couponReportInputSchema, couponReportSchema } from "@niaga/contracts";
import { couponReport } from "@niaga/core/coupons/coupons.read";
import { actorOf } from "../../../actor.ts";
import { sellerProcedure } from "../../../trpc.ts";

export const sellerCouponReportProcedure = sellerProcedure
  .input(couponReportInputSchema)
  .output(couponReportSchema)
  .query(({ ctx, input }) =>
    couponReport(ctx.db, actorOf(ctx), { ...input, timeZone: ctx.config.MARKETPLACE_TIME_ZONE }),
  );
