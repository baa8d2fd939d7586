import type { AppRouter } from "@niaga/api";
import type { TRPCLink } from "@trpc/client";
import { httpBatchLink, httpLink, isNonJsonSerializable, splitLink } from "@trpc/client";
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
 * Batched JSON requests for ordinary calls; file uploads (FormData) go unbatched, since they
 * cannot be serialised into a batch.
 */
export function createNiagaLinks(options: NiagaLinkOptions): TRPCLink<AppRouter>[] {
  const url = trpcUrl(options.url);
  const headers = async () => {
    const auth = typeof options.auth === "function" ? await options.auth() : options.auth;
    return { ...(await options.headers?.()), ...authHeaders(auth) };
  };
  const baseFetch = options.fetch ?? globalThis.fetch;
  const fetchWithCredentials: typeof fetch = (input, init) =>
    baseFetch(input, { ...init, ...(options.credentials && { credentials: options.credentials }) });
  return [
    splitLink({
      condition: (op) => isNonJsonSerializable(op.input),
      true: httpLink({ url, headers, fetch: fetchWithCredentials, transformer: superjson }),
      false: httpBatchLink({ url, headers, fetch: fetchWithCredentials, transformer: superjson }),
    }),
  ];
}
