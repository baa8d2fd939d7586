import { randomUUID } from "node:crypto";
import { createMiddleware } from "hono/factory";

const VALID_REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

export type RequestIdEnv = { Variables: { requestId: string } };

/**
 * Takes a well-formed `x-request-id` from the caller (a proxy's) or makes one; echoes it back on
 * the handler's response (set afterwards, on the response itself, so that it is on every answer
 * however the handler built it).
 */
export const requestId = createMiddleware<RequestIdEnv>(async (c, next) => {
  const incoming = c.req.header("x-request-id");
  const id = incoming && VALID_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  c.set("requestId", id);
  await next();
  c.res.headers.set("x-request-id", id);
});
