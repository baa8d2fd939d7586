import http from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { LiveStockMessage } from "@niaga/contracts";
import { Hono } from "hono";
import superjson from "superjson";
import { afterAll, describe, expect, it } from "vitest";
import { callsInProgress } from "../src/http/calls-in-progress.ts";
import type { TestApi } from "./support/harness.ts";
import { startTestApi } from "./support/harness.ts";
import { customerWithPaidOrder } from "./support/light-paths.ts";
import { collect, liveClient } from "./support/live.ts";

const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

/**
 * The middleware in front of handlers that finish only when the test lets them: `started` lists
 * the calls in the order their handlers began, `running` is how many are in their handler now.
 */
async function serveGated(options: { limit: number; maxWaitMs: number }) {
  const started: string[] = [];
  let running = 0;
  let mostAtOnce = 0;
  const gates = new Map<string, () => void>();
  const app = new Hono();
  app.use("/calls/*", callsInProgress({ ...options, counts: (c) => !c.req.path.startsWith("/calls/stream") }));
  app.get("/calls/:name", async (c) => {
    const name = c.req.param("name");
    started.push(name);
    running += 1;
    mostAtOnce = Math.max(mostAtOnce, running);
    await new Promise<void>((resolve) => gates.set(name, resolve));
    running -= 1;
    return c.text(name);
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const until = async (ready: () => boolean, what: string) => {
    for (let waited = 0; !ready(); waited += 5) {
      if (waited > 5000) throw new Error(`timed out waiting for ${what}; started ${started.join(",")}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  return {
    call: (name: string) => fetch(`${url}/calls/${name}`).then((response) => response.text()),
    release: async (name: string) => {
      await until(() => gates.has(name), `${name} to start`);
      gates.get(name)?.();
    },
    until,
    started,
    running: () => running,
    mostAtOnce: () => mostAtOnce,
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("calls taking turns", () => {
  it("serves at most `limit` calls at once, the others in the order they arrived", async () => {
    const gated = await serveGated({ limit: 2, maxWaitMs: 60_000 });
    const names = ["a", "b", "c", "d", "e"];
    const answers: Promise<string>[] = [];
    for (const name of names) {
      answers.push(gated.call(name));
      // Each arrives after the one before it, so their order is the test's, not the network's.
      await gated.until(() => gated.started.length >= Math.min(answers.length, 2), `${name} to arrive`);
      await pause(20);
    }
    expect(gated.started).toEqual(["a", "b"]);
    await pause(100);
    expect(gated.running()).toBe(2);

    for (const name of names) await gated.release(name);
    expect(await Promise.all(answers)).toEqual(names);
    expect(gated.started).toEqual(names);
    expect(gated.mostAtOnce()).toBe(2);
  });

  it("serves a call that waited `maxWaitMs` even while every turn is still taken", async () => {
    const gated = await serveGated({ limit: 1, maxWaitMs: 150 });
    const first = gated.call("stuck");
    await gated.until(() => gated.started.length === 1, "the first call to start");
    const arrived = Date.now();
    const second = gated.call("patient");
    await gated.until(() => gated.started.length === 2, "the waiting call to be served anyway");
    expect(Date.now() - arrived).toBeGreaterThanOrEqual(140);
    expect(gated.running()).toBe(2);

    await gated.release("patient");
    expect(await second).toBe("patient");
    // The stuck call's turn is still counted: a new call waits for it, not for the one that left.
    const third = gated.call("third");
    await pause(60);
    expect(gated.started).toEqual(["stuck", "patient"]);
    await gated.release("stuck");
    await gated.release("third");
    expect(await Promise.all([first, third])).toEqual(["stuck", "third"]);
  });

  it("lets requests that take no turn through however many calls are in progress", async () => {
    const gated = await serveGated({ limit: 1, maxWaitMs: 60_000 });
    const held = gated.call("held");
    await gated.until(() => gated.started.length === 1, "the held call to start");
    const streams = [gated.call("stream-1"), gated.call("stream-2")];
    await gated.until(() => gated.started.length === 3, "both uncounted requests to start");
    await gated.release("stream-1");
    await gated.release("stream-2");
    await gated.release("held");
    expect(await Promise.all([held, ...streams])).toEqual(["held", "stream-1", "stream-2"]);
  });
});

describe("the API's mutations taking turns", () => {
  let api: TestApi;

  it("queues a mutation behind one in progress, and never a query or an open subscription", async () => {
    api = await startTestApi({ API_MUTATIONS_IN_PROGRESS: "1", API_MUTATION_MAX_WAIT_MS: "60000" });
    closers.push(() => api.stop());
    const { productId, slug, customerToken } = await customerWithPaidOrder(api);

    // Two live streams stay open for the rest of the test: neither may hold the one turn.
    const streams = [0, 1].map(() =>
      collect<LiveStockMessage>((handlers) => liveClient(api.url).public.live.stock.subscribe({ productId }, handlers)),
    );
    try {
      for (const stream of streams) await stream.waitFor(1);
      await queuesBehindASlowBody(customerToken, slug);
    } finally {
      for (const stream of streams) stream.stop();
    }
  });

  async function queuesBehindASlowBody(customerToken: string, slug: string) {
    const authorization = `Bearer ${customerToken}`;
    // A mutation whose input is still arriving holds the turn until it is done. (Its length is
    // declared: a chunked body is read whole, before the call takes a turn.)
    const body = "{}";
    const slow = http.request(`${api.url}/trpc/customer.cart.add`, {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": String(body.length), authorization },
    });
    const slowStatus = new Promise<number>((resolve) =>
      slow.on("response", (response) => resolve(response.statusCode ?? 0)),
    );
    slow.write(body.slice(0, 1));
    await pause(100);

    let mutationDone = false;
    const mutation = fetch(`${api.url}/trpc/customer.cart.clear`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization },
    }).then((response) => {
      mutationDone = true;
      return response.status;
    });
    const input = encodeURIComponent(JSON.stringify(superjson.serialize({ slug })));
    const queries = await Promise.all([0, 1, 2].map(() => fetch(`${api.url}/trpc/public.products.get?input=${input}`)));
    expect(queries.map((response) => response.status)).toEqual([200, 200, 200]);
    await pause(300);
    expect(mutationDone).toBe(false);

    slow.end(body.slice(1));
    // An empty input is refused; what matters is that the call finished and the waiting one followed.
    expect(await slowStatus).toBe(400);
    expect(await mutation).toBe(200);
  }
});
