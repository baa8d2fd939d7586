import { shippingQuoteInputSchema, shippingQuoteOutputSchema } from "@niaga/contracts";
import { quoteShippingForAddress } from "@niaga/core/shipping/shipping.service";
import { actorOf } from "../../../actor.ts";
import { customerProcedure } from "../../../trpc.ts";

// A query: quoting changes nothing, and a quote may be asked again as the cart changes.
export const quoteShippingProcedure = customerProcedure
  .input(shippingQuoteInputSchema)
  .output(shippingQuoteOutputSchema)
  .query(({ ctx, input }) => quoteShippingForAddress(ctx.db, ctx.shipping, actorOf(ctx), input));
