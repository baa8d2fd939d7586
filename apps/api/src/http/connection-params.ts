/** The credentials a subscription may carry in its connection params (an EventSource sends no headers). */
const CREDENTIAL_PARAMS = ["authorization", "x-api-key"] as const;

/**
 * The request's headers with the credential from tRPC connection params (the `connectionParams`
 * query parameter of an SSE subscription) added. A header the request really sent wins; nothing
 * but the bearer token or API key is taken from the params.
 */
export function withConnectionParams(headers: Headers, params: Record<string, string | undefined> | null): Headers {
  if (!params) return headers;
  const missing = CREDENTIAL_PARAMS.filter((name) => typeof params[name] === "string" && !headers.has(name));
  if (missing.length === 0) return headers;
  const merged = new Headers(headers);
  for (const name of missing) merged.set(name, params[name] as string);
  return merged;
}
