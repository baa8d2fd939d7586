import type { Env, MiddlewareHandler } from "hono";
import { cors } from "hono/cors";

export interface CorsOptions {
  /** Whether a browser page from this origin may read answers (with credentials). */
  trusted: (origin: string) => boolean;
  allowHeaders: string[];
  allowMethods: string[];
  exposeHeaders: string[];
  maxAgeSeconds: number;
}

/**
 * CORS for credentialed browser clients. Preflights are Hono's `cors`. On every other request the
 * headers are added after the handler, on its response: Hono's `cors` sets them on `c.res` before
 * the handler runs, and a response that then replaces that placeholder is rebuilt through its
 * body stream — on @hono/node-server that turns every answer into a full WHATWG Response written
 * out through a stream, a few percent of the API's CPU per catalog request.
 */
export function corsHeaders<E extends Env>(options: CorsOptions): MiddlewareHandler<E> {
  const allowOrigin = (origin: string) => (options.trusted(origin) ? origin : null);
  const preflight = cors({
    origin: allowOrigin,
    credentials: true,
    allowHeaders: options.allowHeaders,
    allowMethods: options.allowMethods,
    exposeHeaders: options.exposeHeaders,
    maxAge: options.maxAgeSeconds,
  });
  const exposed = options.exposeHeaders.join(",");
  return async (c, next) => {
    if (c.req.method === "OPTIONS") return preflight(c, next);
    await next();
    const headers = c.res.headers;
    const origin = allowOrigin(c.req.header("origin") ?? "");
    if (origin) headers.set("access-control-allow-origin", origin);
    headers.set("access-control-allow-credentials", "true");
    if (exposed) headers.set("access-control-expose-headers", exposed);
    headers.append("vary", "Origin");
  };
}
