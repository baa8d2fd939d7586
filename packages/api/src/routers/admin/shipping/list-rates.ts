import { listShippingRatesInputSchema, shippingRateListSchema } from "@niaga/contracts";
import { listShippingRates } from "@niaga/core/shipping/rate-table.service";
import { adminProcedure } from "../../../trpc.ts";

export const listShippingRatesProcedure = adminProcedure
  .input(listShippingRatesInputSchema)
  .output(shippingRateListSchema)
  .query(({ ctx, input }) => listShippingRates(ctx.db, input));
