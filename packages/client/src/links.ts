import type { AppRouter } from "@niaga/api";
import type { TRPCLink } from "@trpc/client";
import { httpBatchLink, httpLink, httpSubscriptionLink, isNonJsonSerializable, splitLink } from "@trpc/client";
import superjson from "superjson";

/** How a caller proves who it is. Browsers with cookie sessions pass nothing and use `credentials`. */
export type NiagaAuth =
  | { type: "bearer"; token: string }
  | { type: "jwt"; token: string }
  | { type: "apiKey"; key: string }
  | { type: "cookie"; cookie: string };

export type HeadersSource = () => Record<string, string> | Promise<Record<string, string>>;

export interface NiagaLinkOptions {
  /** The API's base URL, e.g. `http://localhost:3000`; tRPC lives under `/trpc`. */
  url: string;
  auth?: NiagaAuth | (() => NiagaAuth | null | Promise<NiagaAuth | null>) | undefined;
  /** Extra headers per request (evaluated for each batch). */
  headers?: HeadersSource | undefined;
  /** `include` for browsers that authenticate with the session cookie across origins. */
  credentials?: RequestCredentials | undefined;
  fetch?: typeof fetch | undefined;
  /**
   * The EventSource live subscriptions use. Browsers have one; in Node (no global EventSource
   * before `--experimental-eventsource`) and React Native, pass a ponyfill.
   */
  EventSource?: SubscriptionEventSource | undefined;
}

/** An EventSource constructor, as tRPC's httpSubscriptionLink accepts it. */
export type SubscriptionEventSource = NonNullable<Parameters<typeof httpSubscriptionLink>[0]["EventSource"]>;

/**
 * A credential as connection params: an EventSource cannot send headers, so tRPC passes these in
 * the subscription URL and the server reads them as the request's authorization (or API key).
 * Cookie sessions need none: the browser sends the cookie itself (`credentials: "include"`).
 */
export function authConnectionParams(auth: NiagaAuth | null | undefined): Record<string, string> {
  if (!auth || auth.type === "cookie") return {};
  return authHeaders(auth);
}

/** The request headers for a credential. */
export function authHeaders(auth: NiagaAuth | null | undefined): Record<string, string> {
  if (!auth) return {};
  switch (auth.type) {
    case "bearer":
    case "jwt":
      return { authorization: `Bearer ${auth.token}` };
    case "apiKey":
      return { "x-api-key": auth.key };
    case "cookie":
      return { cookie: auth.cookie };
  }
}

export function trpcUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/$/, "")}/trpc`;
}

/**
 * Subscriptions as server-sent events (resent with the last event id on reconnect); batched JSON
 * requests for ordinary calls; file uploads (FormData) unbatched, since they cannot be batched.
 */
export function createNiagaLinks(options: NiagaLinkOptions): TRPCLink<AppRouter>[] {
  const url = trpcUrl(options.url);
  const resolveAuth = async () => (typeof options.auth === "function" ? await options.auth() : options.auth);
  const headers = async () => ({ ...(await options.headers?.()), ...authHeaders(await resolveAuth()) });
  const baseFetch = options.fetch ?? globalThis.fetch;
  const fetchWithCredentials: typeof fetch = (input, init) =>
    baseFetch(input, { ...init, ...(options.credentials && { credentials: options.credentials }) });
  return [
    splitLink({
      condition: (op) => op.type === "subscription",
      true: httpSubscriptionLink({
        url,
        transformer: superjson,
        connectionParams: async () => authConnectionParams(await resolveAuth()),
        ...(options.EventSource && { EventSource: options.EventSource }),
        eventSourceOptions: { withCredentials: options.credentials === "include" },
      }),
      false: splitLink({
        condition: (op) => isNonJsonSerializable(op.input),
        true: httpLink({ url, headers, fetch: fetchWithCredentials, transformer: superjson }),
        false: httpBatchLink({ url, headers, fetch: fetchWithCredentials, transformer: superjson }),
      }),
    }),
  ];
}
