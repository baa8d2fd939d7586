import { appRouter, createRequestContext } from "@niaga/api";
import { newId } from "@niaga/core/shared/ids";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RequestIdEnv } from "../src/http/request-id.ts";
import { trpcCalls } from "../src/http/trpc-calls.ts";
import type { TestApi } from "./support/harness.ts";
import { startTestApi } from "./support/harness.ts";
import { customerWithPaidOrder, serveAlone, trpcAdapterAnswer } from "./support/light-paths.ts";

let api: TestApi;
let slug: string;
let customerToken: string;
// The middleware alone, with nothing behind it but a marker: what it serves is its own work.
let bareUrl: string;
let bare: Awaited<ReturnType<typeof serveAlone>>;

beforeAll(async () => {
  api = await startTestApi();
  ({ customerToken, slug } = await customerWithPaidOrder(api));

  bare = await serveAlone(
    trpcCalls<RequestIdEnv>({
      router: appRouter,
      endpoint: "/trpc",
      createContext: (c) =>
        createRequestContext(api.services, { headers: c.req.raw.headers, requestId: c.get("requestId") }),
    }),
  );
  bareUrl = bare.url;
});
afterAll(async () => {
  await api.stop();
  await bare.close();
});

const json = { "content-type": "application/json" };
const wire = (input: unknown) => encodeURIComponent(JSON.stringify(superjson.serialize(input)));
const one = (path: string, input?: unknown) => `/trpc/${path}${input === undefined ? "" : `?input=${wire(input)}`}`;
const batch = (calls: [string, unknown][]) => {
  const inputs = Object.fromEntries(calls.map(([, input], index) => [index, superjson.serialize(input)]));
  return `/trpc/${calls.map(([path]) => path).join(",")}?batch=1&input=${encodeURIComponent(JSON.stringify(inputs))}`;
};

async function ourAnswer(path: string, headers: Record<string, string>, init: { method?: string; body?: string } = {}) {
  const response = await fetch(`${bareUrl}${path}`, { ...init, headers });
  return {
    status: response.status,
    type: response.headers.get("content-type"),
    vary: response.headers.get("vary"),
    body: await response.text(),
  };
}

describe("the GET query path", () => {
  it("serves queries, single and batched, and leaves everything else to tRPC", async () => {
    const served = [
      one("public.products.get", { slug }),
      batch([
        ["public.products.get", { slug }],
        ["public.categories.list", undefined],
      ]),
    ];
    for (const path of served) expect((await fetch(`${bareUrl}${path}`)).status, path).toBe(200);

    const left: { path: string; init?: RequestInit }[] = [
      { path: one("customer.cart.add", { variantId: newId(), quantity: 1 }) }, // a mutation over GET
      { path: one("public.live.stock", { productId: newId() }) }, // a subscription
      { path: one("public.nothing.here") },
      {
        path: batch([
          ["public.products.get", { slug }],
          ["customer.cart.add", {}],
        ]),
      }, // mixed types
      { path: `${one("public.products.get", { slug })}&connectionParams=${encodeURIComponent("{}")}` },
      { path: one("public.products.get", { slug }), init: { headers: { "trpc-accept": "application/jsonl" } } },
      // a query over POST
      { path: one("public.products.get", { slug }), init: { method: "POST", body: "{}", headers: json } },
    ];
    for (const { path, init } of left) expect((await fetch(`${bareUrl}${path}`, init)).status, path).toBe(418);
  });

  it("answers exactly as tRPC's own adapter does: data, refusals, bad input and batches", async () => {
    const auth = { authorization: `Bearer ${customerToken}` };
    const cases: { path: string; headers?: Record<string, string>; status: number }[] = [
      { path: one("public.products.get", { slug }), status: 200 },
      { path: one("public.products.get", { slug: "no-such-product" }), status: 404 },
      { path: `/trpc/public.products.get?input=${encodeURIComponent("{not json")}`, status: 400 },
      { path: one("public.products.get", { slug: 42 }), status: 400 },
      { path: one("public.products.get"), status: 400 },
      { path: one("public.products.list", { limit: 2, sort: "newest" }), status: 200 },
      { path: one("public.search.query", { q: "sepatu", limit: 5 }), status: 200 },
      { path: one("customer.orders.list", {}), status: 401 },
      { path: one("customer.orders.list", {}), headers: auth, status: 200 },
      { path: one("seller.orders.list", {}), headers: auth, status: 403 },
      { path: one("customer.orders.get", { id: newId() }), headers: auth, status: 404 },
      {
        path: batch([
          ["public.products.get", { slug }],
          ["public.products.get", { slug: "nope" }],
        ]),
        status: 207,
      },
      {
        path: batch([
          ["public.products.get", { slug: "nope" }],
          ["public.products.get", { slug: "gone" }],
        ]),
        status: 404,
      },
      {
        path: batch([
          ["public.products.get", { slug }],
          ["public.categories.list", undefined],
        ]),
        status: 200,
      },
      { path: `/trpc/public.products.get,public.categories.list?batch=1&input=%5B1%5D`, status: 207 },
      { path: `/trpc/public.products.get?batch=1&input=${encodeURIComponent("{")}`, status: 400 },
      { path: `/trpc/public.products.get,customer.orders.list?batch=1&input=${encodeURIComponent("{}")}`, status: 207 },
    ];
    for (const { path, headers = {}, status } of cases) {
      const withId = { ...headers, "x-request-id": `query-test-${newId()}` };
      const ours = await ourAnswer(path, withId);
      expect(ours, path).toEqual(await trpcAdapterAnswer(api, path, withId));
      expect(ours.status, path).toBe(status);
    }
  });

  it("sends the app's CORS, secure and request-id headers, and the real client reads its answers", async () => {
    const origin = api.services.config.trustedOrigins[0] ?? "http://localhost:5173";
    const response = await fetch(`${api.url}${one("public.products.get", { slug })}`, {
      headers: { origin, "x-request-id": "query-headers-1" },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe(origin);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-request-id")).toBe("query-headers-1");
    expect(response.headers.get("vary")).toBe("trpc-accept, accept, Origin");

    // The client batches its queries: they come through this path and parse as typed data.
    const client = api.client();
    const [product, categories] = await Promise.all([
      client.public.products.get.query({ slug }),
      client.public.categories.list.query(),
    ]);
    expect(product.slug).toBe(slug);
    expect(Array.isArray(categories.items)).toBe(true);
    await expect(client.public.products.get.query({ slug: "no-such-product" })).rejects.toMatchObject({
      data: { code: "NOT_FOUND" },
    });
  });
});

describe("the POST mutation path", () => {
  const post = (path: string, input?: unknown) => ({
    path: `/trpc/${path}`,
    body: input === undefined ? "" : JSON.stringify(superjson.serialize(input)),
  });
  const postBatch = (calls: [string, unknown][]) => ({
    path: `/trpc/${calls.map(([path]) => path).join(",")}?batch=1`,
    body: JSON.stringify(Object.fromEntries(calls.map(([, input], index) => [index, superjson.serialize(input)]))),
  });

  it("serves mutations, single and batched, and leaves everything else to tRPC", async () => {
    const auth = { authorization: `Bearer ${customerToken}` };
    const served = [
      post("customer.cart.clear", {}),
      postBatch([
        ["customer.cart.clear", {}],
        ["customer.cart.clear", {}],
      ]),
    ];
    for (const { path, body } of served) {
      const response = await fetch(`${bareUrl}${path}`, { method: "POST", body, headers: { ...json, ...auth } });
      expect(response.status, path).toBe(200);
    }
    const cart = post("customer.cart.clear", {});
    const left: { path: string; init: RequestInit }[] = [
      { path: cart.path, init: { method: "POST", body: cart.body } }, // no content type: tRPC refuses it
      { path: cart.path, init: { method: "POST", body: cart.body, headers: { "content-type": "text/plain" } } },
      { path: post("public.products.get", { slug }).path, init: { method: "POST", body: "{}", headers: json } },
      {
        ...postBatch([
          ["customer.cart.clear", {}],
          ["public.products.get", { slug }],
        ]),
        init: { method: "POST", headers: json },
      }, // mixed types
      {
        path: `${cart.path}?connectionParams=${encodeURIComponent("{}")}`,
        init: { method: "POST", body: cart.body, headers: json },
      },
      {
        path: cart.path,
        init: { method: "POST", body: cart.body, headers: { ...json, "trpc-accept": "application/jsonl" } },
      },
      { path: cart.path, init: { method: "PUT", body: cart.body, headers: json } },
      { path: "/trpc/public.nothing.here", init: { method: "POST", body: "{}", headers: json } },
    ];
    for (const { path, init } of left) expect((await fetch(`${bareUrl}${path}`, init)).status, path).toBe(418);
  });

  it("answers exactly as tRPC's own adapter does: data, refusals, bad input and batches", async () => {
    const auth = { authorization: `Bearer ${customerToken}` };
    const cases: { path: string; body: string; headers?: Record<string, string>; status: number }[] = [
      { ...post("customer.cart.clear", {}), headers: auth, status: 200 },
      { ...post("customer.cart.clear", {}), status: 401 },
      { ...post("customer.cart.add", { variantId: newId(), quantity: 1 }), headers: auth, status: 404 },
      { ...post("customer.cart.add", { variantId: newId(), quantity: -3 }), headers: auth, status: 400 },
      { ...post("customer.cart.add", { variantId: 7 }), headers: auth, status: 400 },
      { ...post("seller.coupons.create", { name: "x" }), headers: auth, status: 403 },
      { ...post("customer.cart.add"), headers: auth, status: 400 }, // an empty body
      { path: "/trpc/customer.cart.add", body: "{not json", headers: auth, status: 400 },
      { path: "/trpc/customer.cart.add", body: "null", headers: auth, status: 400 },
      {
        ...postBatch([
          ["customer.cart.clear", {}],
          ["customer.cart.add", { variantId: newId(), quantity: 1 }],
        ]),
        headers: auth,
        status: 207,
      },
      {
        ...postBatch([
          ["customer.cart.clear", {}],
          ["customer.cart.clear", {}],
        ]),
        headers: auth,
        status: 200,
      },
      { path: "/trpc/customer.cart.add,customer.cart.add?batch=1", body: "[1]", headers: auth, status: 400 },
      { path: "/trpc/customer.cart.add?batch=1", body: "{", headers: auth, status: 400 },
    ];
    for (const { path, body, headers = {}, status } of cases) {
      const withId = { ...json, ...headers, "x-request-id": `mutation-test-${newId()}` };
      const ours = await ourAnswer(path, withId, { method: "POST", body });
      expect(ours, path).toEqual(await trpcAdapterAnswer(api, path, withId, { method: "POST", body }));
      expect(ours.status, path).toBe(status);
    }
  });

  it("keeps what a mutation did, and the real client's mutations come through it", async () => {
    const client = api.client(customerToken);
    const cleared = await client.customer.cart.clear.mutate();
    expect(cleared.lines).toEqual([]);
    await expect(client.customer.cart.add.mutate({ variantId: newId(), quantity: 1 })).rejects.toMatchObject({
      data: { code: "NOT_FOUND" },
    });
  });
});
