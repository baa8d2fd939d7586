import { addressListSchema } from "@niaga/contracts";
import { listAddresses } from "@niaga/core/addresses/addresses.service";
import { actorOf } from "../../../actor.ts";
import { customerProcedure } from "../../../trpc.ts";

export const listAddressesProcedure = customerProcedure
  .output(addressListSchema)
  .query(({ ctx }) => listAddresses(ctx.db, actorOf(ctx)));
