const DEFAULT_API_URL = "http://localhost:3000";
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * The API base URL (no trailing slash), read once at start-up. This module is the only place the app reads env.
 *
 * `EXPO_PUBLIC_API_URL` is inlined at build time. On web, a page served from a loopback host also honours
 * `?api=<loopback url>`, so one export serves an API on any local port (the browser test relies on this).
 * Both ends must be loopback: on a public host a crafted link could otherwise make the real app post passwords to
 * someone else's server. The check is at run time on purpose: the production export itself is what gets tested,
 * with no test-only build flag that could end up in a release.
 */
export function resolveApiUrl(): string {
  // globalThis.location exists only in browsers; React Native defines `window` but no location.
  return pickApiUrl(globalThis.location, process.env.EXPO_PUBLIC_API_URL);
}

/** Pure part of resolveApiUrl, exported for tests. */
export function pickApiUrl(location: Pick<Location, "hostname" | "search"> | undefined, envUrl?: string): string {
  const fromQuery = location ? readLoopbackApiQuery(location) : undefined;
  return trimSlash(fromQuery ?? (envUrl || DEFAULT_API_URL));
}

function readLoopbackApiQuery(location: Pick<Location, "hostname" | "search">): string | undefined {
  if (!LOOPBACK.has(location.hostname)) return undefined;
  const value = new URLSearchParams(location.search).get("api");
  if (!value || !URL.canParse(value)) return undefined;
  const url = new URL(value);
  return (url.protocol === "http:" || url.protocol === "https:") && LOOPBACK.has(url.hostname) ? value : undefined;
}

function trimSlash(url: string): string {
  return url.endsWith("/") ? url.slice(0, -1) : url;
}
