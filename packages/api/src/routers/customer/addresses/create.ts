import { createAddressInputSchema, customerAddressSchema } from "@niaga/contracts";
import { createAddress } from "@niaga/core/addresses/addresses.service";
import { actorOf } from "../../../actor.ts";
import { customerProcedure } from "../../../trpc.ts";

export const createAddressProcedure = customerProcedure
  .input(createAddressInputSchema)
  .output(customerAddressSchema)
  .mutation(({ ctx, input }) => createAddress(ctx.db, actorOf(ctx), input));
