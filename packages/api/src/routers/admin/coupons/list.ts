import { adminListCouponsInputSchema, listCouponsOutputSchema } from "@niaga/contracts";
import { listAllCoupons } from "@niaga/core/coupons/coupons.read";
import { adminProcedure } from "../../../trpc.ts";

export const listAdminCouponsProcedure = adminProcedure
  .input(adminListCouponsInputSchema)
  .output(listCouponsOutputSchema)
  .query(({ ctx, input }) => listAllCoupons(ctx.db, input));
