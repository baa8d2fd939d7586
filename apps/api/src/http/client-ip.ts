import { getConnInfo } from "@hono/node-server/conninfo";
import { CLIENT_IP_HEADER } from "@niaga/auth";
import type { Context } from "hono";

/**
 * The caller's address: the socket's, or the first X-Forwarded-For hop when TRUST_PROXY is set.
 * Rate limits key on it, so a client must never be able to choose it.
 */
export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    // app.request() in tests has no socket.
    return "local";
  }
}

/** A copy of the request whose client-ip header is the one we computed, never the caller's. */
export function withClientIp(request: Request, ip: string): Request {
  const headers = new Headers(request.headers);
  headers.set(CLIENT_IP_HEADER, ip);
  return new Request(request, { headers });
}
