import http from "node:http";
import { appRouter, createRequestContext } from "@niaga/api";
import type { LiveStockMessage } from "@niaga/contracts";
import { emitDomainEvents } from "@niaga/core/events/domain-events";
import { newId } from "@niaga/core/shared/ids";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withConnectionParams } from "../src/http/connection-params.ts";
import type { RequestIdEnv } from "../src/http/request-id.ts";
import { sseSubscriptions } from "../src/http/sse-subscriptions.ts";
import type { TestApi } from "./support/harness.ts";
import { startTestApi } from "./support/harness.ts";
import { customerWithPaidOrder, serveAlone, trpcAdapterAnswer } from "./support/light-paths.ts";
import { collect, liveClient } from "./support/live.ts";

let api: TestApi;
let productId: string;
let storeId: string;
let customerToken: string;
// The SSE middleware alone, with nothing behind it but a marker: what it serves is its own work.
let bareUrl: string;
let bare: Awaited<ReturnType<typeof serveAlone>>;

beforeAll(async () => {
  api = await startTestApi();
  ({ customerToken, storeId, productId } = await customerWithPaidOrder(api));

  bare = await serveAlone(
    sseSubscriptions<RequestIdEnv>({
      router: appRouter,
      endpoint: "/trpc",
      createContext: (c, params) =>
        createRequestContext(api.services, {
          headers: withConnectionParams(c.req.raw.headers, params),
          requestId: c.get("requestId"),
        }),
    }),
  );
  bareUrl = bare.url;
});
afterAll(async () => {
  await api.stop();
  await bare.close();
});

const stockPath = (input: unknown) =>
  `/trpc/public.live.stock?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;

/** A raw SSE connection over node:http, split into frames, that can be cut off abruptly. */
function openRaw(url: string, headers: Record<string, string> = {}) {
  const frames: string[] = [];
  let buffer = "";
  const waiters = new Set<() => void>();
  const request = http.get(url, { headers }, (response) => {
    response.setEncoding("utf8");
    response.on("data", (chunk: string) => {
      buffer += chunk;
      for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
        const frame = buffer.slice(0, end).trim();
        buffer = buffer.slice(end + 2);
        if (frame) frames.push(frame);
      }
      for (const wake of [...waiters]) wake();
    });
  });
  request.on("error", () => {});
  const dataFrames = () => frames.filter((frame) => !frame.startsWith("event:"));
  return {
    frames,
    dataFrames,
    waitForData: (count: number) =>
      until(() => (dataFrames().length >= count ? dataFrames() : undefined), `${count} data frames`, waiters),
    destroy: () => request.destroy(),
  };
}

async function until<T>(ready: () => T | undefined, what: string, waiters?: Set<() => void>, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = ready();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise<void>((resolve) => {
      const wake = () => {
        waiters?.delete(wake);
        resolve();
      };
      waiters?.add(wake);
      setTimeout(wake, 20);
    });
  }
}

const subscribers = () => api.services.realtime.stats().subscribers;

/** tRPC's own adapter's status and body for the same request. */
async function trpcAnswer(path: string, headers: Record<string, string>) {
  const { status, body } = await trpcAdapterAnswer(api, path, headers);
  return { status, body };
}

async function ourAnswer(path: string, headers: Record<string, string>) {
  const response = await fetch(`${api.url}${path}`, { headers });
  return { status: response.status, type: response.headers.get("content-type"), body: await response.text() };
}

describe("the SSE subscription transport", () => {
  it("serves subscriptions by itself, parsed by the real client, and leaves everything else to tRPC", async () => {
    const live = collect<LiveStockMessage>((handlers) =>
      liveClient(bareUrl).public.live.stock.subscribe({ productId }, handlers),
    );
    const [snapshot] = await live.waitFor(1);
    expect(snapshot?.data).toMatchObject({ event: null, productId, inStock: true });
    live.stop();

    const left = [
      `${stockPath({ productId })}&batch=1`,
      `${stockPath({ productId })}&connectionParams=not-json`,
      "/trpc/public.categories.list",
      "/trpc/no.such.procedure",
    ];
    for (const path of left) expect((await fetch(`${bareUrl}${path}`)).status, path).toBe(418);
    expect((await fetch(`${bareUrl}${stockPath({ productId })}`, { method: "POST" })).status).toBe(418);
  });

  it("answers refusals and malformed input exactly as tRPC's own adapter does", async () => {
    const cases: { path: string; code: string }[] = [
      { path: `/trpc/public.live.stock?input=${encodeURIComponent("{not json")}`, code: "BAD_REQUEST" },
      { path: stockPath({ productId: 42 }), code: "BAD_REQUEST" },
      { path: stockPath({ productId: newId() }), code: "NOT_FOUND" },
      {
        path: `/trpc/customer.live.order?input=${encodeURIComponent(JSON.stringify({ json: { orderId: newId() } }))}`,
        code: "UNAUTHORIZED",
      },
      {
        path: `/trpc/customer.live.notifications?connectionParams=${encodeURIComponent('{"authorization":1}')}`,
        code: "PARSE_ERROR",
      },
    ];
    for (const { path, code } of cases) {
      const headers = { "x-request-id": `sse-test-${newId()}` };
      const ours = await ourAnswer(path, headers);
      const { type, ...answer } = ours;
      expect(answer, path).toEqual(await trpcAnswer(path, headers));
      // Refusals are the stream's first event, as tRPC sends them; bad connection params are tRPC's JSON.
      // (tRPC's plain-text refusal: the same media type whether or not a space follows the `;`.)
      expect(type?.replace("; ", ";"), path).toBe(
        code === "PARSE_ERROR" ? "text/plain;charset=UTF-8" : "text/event-stream",
      );
      expect(ours.body, path).toContain(`"code":"${code}"`);
    }
    const refused = collect((handlers) =>
      liveClient(api.url).customer.live.order.subscribe({ orderId: newId() }, handlers),
    );
    expect((await refused.waitForError()).code).toBe("UNAUTHORIZED");
    refused.stop();
  });

  it("sends the app's CORS, secure and request-id headers with the stream", async () => {
    const controller = new AbortController();
    const response = await fetch(`${api.url}${stockPath({ productId })}`, {
      headers: { origin: api.url, "x-request-id": "sse-headers-check" },
      signal: controller.signal,
    });
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      "content-type": "text/event-stream",
      "cache-control": "no-cache, no-transform",
      "access-control-allow-origin": api.url,
      "access-control-allow-credentials": "true",
      "x-content-type-options": "nosniff",
      "x-request-id": "sse-headers-check",
    });
    expect(response.headers.get("vary")).toContain("Origin");
    controller.abort();
  });

  it("releases every hub subscription when clients disconnect abruptly", async () => {
    // The previous test's aborted stream may still be on its way out.
    await until(() => (subscribers() === 0 ? true : undefined), "the previous test's stream to be dropped");
    const streams = Array.from({ length: 20 }, () => openRaw(`${api.url}${stockPath({ productId })}`));
    await Promise.all(streams.map((stream) => stream.waitForData(1)));
    expect(subscribers()).toBe(20);
    for (const stream of streams) stream.destroy();
    await until(() => (subscribers() === 0 ? true : undefined), "the hub to drop every stream");
    // One that ends through the client link is released too.
    const live = collect<unknown>((handlers) =>
      liveClient(api.url, customerToken).customer.live.notifications.subscribe(undefined, handlers),
    );
    await live.waitFor(1);
    expect(subscribers()).toBe(1);
    live.stop();
    await until(() => (subscribers() === 0 ? true : undefined), "the hub to drop the link's stream");
  });

  it("replays what a reconnecting client missed after its Last-Event-ID header", async () => {
    const first = openRaw(`${api.url}${stockPath({ productId })}`);
    const [snapshot] = await first.waitForData(1);
    first.destroy();
    const cursor = /^id: (.*)$/m.exec(snapshot ?? "")?.[1] ?? "";
    expect(cursor).toMatch(/^\d+$/);
    for (const available of [4, 3]) {
      await emitDomainEvents(api.database.db, [
        {
          type: "stock.low",
          aggregate: { type: "product", id: productId },
          payload: { storeId, productId, variantId: newId(), available, threshold: 5 },
        },
      ]);
    }
    const ids = (
      await api.database.db
        .selectFrom("domain_events")
        .select("id")
        .where("aggregate_id", "=", productId)
        .where("id", ">", Number(cursor))
        .orderBy("id")
        .execute()
    ).map((row) => String(row.id));
    expect(ids).toHaveLength(2);

    const again = openRaw(`${api.url}${stockPath({ productId })}`, { "last-event-id": cursor });
    const replayed = await again.waitForData(2);
    expect(replayed.map((frame) => /^id: (.*)$/m.exec(frame)?.[1])).toEqual(ids);
    const events = replayed.map(
      (frame) => (superjson.parse(/^data: (.*)$/m.exec(frame)?.[1] ?? "null") as LiveStockMessage).event,
    );
    expect(events.map((event) => [String(event?.id), event?.type, event?.occurredAt instanceof Date])).toEqual(
      ids.map((id) => [id, "stock.low", true]),
    );
    again.destroy();
  });
});
