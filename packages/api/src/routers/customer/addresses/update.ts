import { customerAddressSchema, updateAddressInputSchema } from "@niaga/contracts";
import { updateAddress } from "@niaga/core/addresses/addresses.service";
import { actorOf } from "../../../actor.ts";
import { customerProcedure } from "../../../trpc.ts";

export const updateAddressProcedure = customerProcedure
  .input(updateAddressInputSchema)
  .output(customerAddressSchema)
  .mutation(({ ctx, input }) => updateAddress(ctx.db, actorOf(ctx), input));
