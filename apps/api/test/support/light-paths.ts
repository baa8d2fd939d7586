import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { appRouter, createRequestContext } from "@niaga/api";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { MiddlewareHandler } from "hono";
import { Hono } from "hono";
import { insertOrder } from "../../../../packages/core/test/support/order-fixtures.ts";
import { insertStore } from "../../../../packages/core/test/support/review-fixtures.ts";
import { withConnectionParams } from "../../src/http/connection-params.ts";
import type { RequestIdEnv } from "../../src/http/request-id.ts";
import { requestId } from "../../src/http/request-id.ts";
import type { TestApi } from "./harness.ts";

// Support for the tests of the light paths (src/http/trpc-calls.ts, sse-subscriptions.ts).

/**
 * One light path alone, with nothing behind it but a marker (418): what it answers is its own
 * work, and a 418 means it left the request to tRPC.
 */
export async function serveAlone(
  path: MiddlewareHandler<RequestIdEnv>,
): Promise<{ url: string; close: () => Promise<void> }> {
  const app = new Hono<RequestIdEnv>();
  app.use("*", requestId);
  app.use("/trpc/*", path);
  app.all("*", (c) => c.text("left to tRPC", 418));
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** tRPC's own fetch adapter answering the same request, for byte-for-byte comparison. */
export async function trpcAdapterAnswer(
  api: TestApi,
  path: string,
  headers: Record<string, string>,
  init: { method?: string; body?: string } = {},
) {
  const req = new Request(`${api.url}${path}`, { ...init, headers });
  const response = await fetchRequestHandler({
    endpoint: "/trpc",
    req,
    router: appRouter,
    createContext: ({ info }) =>
      createRequestContext(api.services, {
        headers: withConnectionParams(req.headers, info.connectionParams),
        requestId: headers["x-request-id"] ?? "",
      }),
  });
  return {
    status: response.status,
    type: response.headers.get("content-type"),
    vary: response.headers.get("vary"),
    body: await response.text(),
  };
}

/** A customer with a paid order from a seller's store: what the light paths' tests read and call. */
export async function customerWithPaidOrder(api: TestApi) {
  const seller = await api.userWithRole("seller");
  const customer = await api.userWithRole("customer");
  const storeId = (await insertStore(api.database.db, { ownerId: seller.id })).id;
  const order = await insertOrder(api.database.db, { customerId: customer.id, storeId, status: "paid" });
  const product = await api.database.db
    .selectFrom("variants as v")
    .innerJoin("products as p", "p.id", "v.product_id")
    .select(["p.id", "p.slug"])
    .where("v.id", "=", order.variantId)
    .executeTakeFirstOrThrow();
  return { customerToken: customer.token, storeId, productId: product.id, slug: product.slug };
}
