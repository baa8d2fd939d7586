import type { Services } from "@niaga/api";
import { appRouter, createRequestContext } from "@niaga/api";
import { listOutbox } from "@niaga/core/mail/mailer";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { Context } from "hono";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { secureHeaders } from "hono/secure-headers";
import { sql } from "kysely";
import { callsInProgress } from "./http/calls-in-progress.ts";
import { clientIp, withClientIp } from "./http/client-ip.ts";
import { withConnectionParams } from "./http/connection-params.ts";
import { corsHeaders } from "./http/cors.ts";
import { filesRoutes } from "./http/files.ts";
import type { RequestIdEnv } from "./http/request-id.ts";
import { requestId } from "./http/request-id.ts";
import type { ConnectionParams } from "./http/sse-subscriptions.ts";
import { sseSubscriptions } from "./http/sse-subscriptions.ts";
import { trpcCalls } from "./http/trpc-calls.ts";
import { procedureOfType } from "./http/trpc-request.ts";
import { paymentsRoutes } from "./routes/payments.ts";

/**
 * The HTTP surface: better-auth at /api/auth/*, tRPC at /trpc/*, uploaded files, health checks,
 * and the development mail outbox. Built from services so tests get a fresh app per database.
 */
export function createApp(services: Services) {
  const { config, auth, db, storage, logger } = services;
  const app = new Hono<RequestIdEnv>();

  app.use("*", requestId);
  app.use("*", secureHeaders({ crossOriginResourcePolicy: "cross-origin" }));
  app.use(
    "*",
    corsHeaders({
      trusted: (origin) => config.trustedOrigins.includes(origin),
      allowHeaders: ["content-type", "authorization", "x-api-key", "x-request-id", "trpc-accept"],
      allowMethods: ["GET", "POST", "OPTIONS"],
      // The bearer plugin hands mobile and script clients their token in this header.
      exposeHeaders: ["set-auth-token", "x-request-id"],
      maxAgeSeconds: 600,
    }),
  );

  app.get("/healthz", (c) => c.json({ status: "ok" }));
  app.get("/readyz", async (c) => {
    try {
      await sql`select 1`.execute(db);
      return c.json({ status: "ready" });
    } catch {
      return c.json({ status: "unavailable", reason: "database unreachable" }, 503);
    }
  });

  // Staff actions go through Niaga's admin procedures (with Niaga's rules and the audit log),
  // so better-auth's own admin endpoints are closed.
  app.all("/api/auth/admin/*", (c) => c.json({ message: "Not found" }, 404));
  app.on(["GET", "POST"], "/api/auth/*", (c) => auth.handler(withClientIp(c.req.raw, clientIp(c, config.TRUST_PROXY))));

  const maxBodyBytes = config.UPLOAD_MAX_BYTES + 64 * 1024;
  const tooLarge = (c: Context) => c.json({ message: `The request body is larger than ${maxBodyBytes} bytes.` }, 413);
  // The default throws, and the app's error handler would turn the client's mistake into a 500.
  const limitStreamedBody = bodyLimit({ maxSize: maxBodyBytes, onError: tooLarge });
  app.use("/trpc/*", async (c, next) => {
    // A GET's body is never read. A declared length is checked as declared (Node's parser never
    // delivers more than it); only chunked bodies are counted as they stream. bodyLimit itself
    // asks for the body first, and on @hono/node-server that builds a full Request every time.
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    const length = c.req.header("content-length");
    if (length !== undefined && c.req.header("transfer-encoding") === undefined) {
      return Number(length) > maxBodyBytes ? tooLarge(c) : next();
    }
    return limitStreamedBody(c, next);
  });
  const trpcContext = (c: Context<RequestIdEnv>, connectionParams: ConnectionParams) =>
    createRequestContext(services, {
      headers: withConnectionParams(c.req.raw.headers, connectionParams),
      requestId: c.get("requestId"),
    });
  // Live subscriptions over SSE on a lighter transport (one small stream per client); the rest is tRPC's.
  app.use("/trpc/*", sseSubscriptions({ router: appRouter, endpoint: "/trpc", createContext: trpcContext }));
  // Mutations take turns under load (see callsInProgress). Queries never wait: they are single
  // reads, and identical searches running at once share one query, which turns would split.
  const isMutation = procedureOfType(appRouter, "mutation");
  app.use(
    "/trpc/*",
    callsInProgress<RequestIdEnv>({
      limit: config.API_MUTATIONS_IN_PROGRESS ?? config.DATABASE_POOL_MAX,
      maxWaitMs: config.API_MUTATION_MAX_WAIT_MS,
      counts: (c) => c.req.method === "POST" && c.req.path.slice("/trpc/".length).split(",").every(isMutation),
    }),
  );
  // Queries and mutations (the catalog's pages, the cart, checkout) skip the fetch adapter's pipeline; same bytes out.
  app.use(
    "/trpc/*",
    trpcCalls<RequestIdEnv>({ router: appRouter, endpoint: "/trpc", createContext: (c) => trpcContext(c, null) }),
  );
  app.all("/trpc/*", (c) =>
    fetchRequestHandler({
      endpoint: "/trpc",
      req: c.req.raw,
      router: appRouter,
      createContext: ({ info }) => trpcContext(c, info.connectionParams),
    }),
  );

  app.route("/files", filesRoutes(storage));
  app.route("/", paymentsRoutes(services));

  if (!config.isProduction && services.mailer.kind === "outbox") {
    // The development outbox (see README): every email the platform would have sent. It shows
    // reset links, so it exists only in development and test, and only when no SMTP is set.
    app.get("/dev/outbox", async (c) => c.json(await listOutbox(db, { to: c.req.query("to"), limit: 50 })));
  }

  app.notFound((c) => c.json({ message: "Not found" }, 404));
  app.onError((error, c) => {
    logger.error("unhandled error", { requestId: c.get("requestId"), error: error.message, stack: error.stack });
    return c.json({ message: "Something went wrong on our side.", requestId: c.get("requestId") }, 500);
  });
  return app;
}

export type NiagaApp = ReturnType<typeof createApp>;
