import type { AppRouter } from "@niaga/api";
import type { TRPCClient } from "@trpc/client";
import { createTRPCClient } from "@trpc/client";
import type { NiagaLinkOptions } from "./links.ts";
import { createNiagaLinks } from "./links.ts";

export type NiagaClient = TRPCClient<AppRouter>;
export type NiagaClientOptions = NiagaLinkOptions;

/**
 * A typed client for scripts, servers and tests:
 * `createNiagaClient({ url, auth: { type: "apiKey", key } })`, then
 * `await client.customer.me.get.query()`.
 */
export function createNiagaClient(options: NiagaClientOptions): NiagaClient {
  return createTRPCClient<AppRouter>({ links: createNiagaLinks(options) });
}
