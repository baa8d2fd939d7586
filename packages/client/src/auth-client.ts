import type { AuthClient, BetterAuthClientOptions } from "better-auth/client";
import { createAuthClient } from "better-auth/client";
import type { AdminClientOptions } from "better-auth/client/plugins";
import { adminClient, inferAdditionalFields, jwtClient } from "better-auth/client/plugins";

export interface NiagaAuthClientOptions {
  /** The API's base URL; better-auth lives under `/api/auth`. */
  baseURL: string;
  /** Browsers: "include" to send the session cookie across origins (the default). */
  credentials?: RequestCredentials;
  /** Mobile and scripts: the bearer token to send, read on every request. */
  getBearerToken?: () => string | null | undefined;
  /** Called with the bearer token the server hands out on sign-in. */
  onBearerToken?: (token: string) => void;
}

/** The user fields Niaga adds to better-auth's: `accountType` ("customer" | "seller") is chosen at sign-up. */
const additionalFields = {
  user: {
    phone: { type: "string", required: false, input: false },
    accountType: { type: "string", required: false, input: true },
  },
} as const;

/**
 * The client plugins, named by their factories' types: the published declarations then stay a few
 * lines long instead of spelling out better-auth's server plugin types (tens of kilobytes).
 */
type NiagaAuthClientPlugins = [
  ReturnType<typeof inferAdditionalFields<unknown, typeof additionalFields>>,
  ReturnType<typeof adminClient<AdminClientOptions>>,
  ReturnType<typeof jwtClient>,
];

/** The options the auth client is typed from. No `fetchOptions.throw`: calls resolve to `{ data, error }`. */
export interface NiagaAuthClientConfig {
  baseURL: string;
  plugins: NiagaAuthClientPlugins;
  fetchOptions?: BetterAuthClientOptions["fetchOptions"];
}

/** The typed better-auth client returned by {@link createNiagaAuthClient}. */
export type NiagaAuthClient = AuthClient<NiagaAuthClientConfig>;

/**
 * The typed better-auth client: sign-up (as a customer or a seller with `accountType`), sign-in,
 * sign-out, password reset, sessions, and JWTs for service calls.
 */
export function createNiagaAuthClient(options: NiagaAuthClientOptions): NiagaAuthClient {
  const bearer = options.getBearerToken;
  // The explicit type argument makes the plugin list and NiagaAuthClientPlugins agree, entry by entry.
  return createAuthClient<NiagaAuthClientConfig>({
    baseURL: `${options.baseURL.replace(/\/$/, "")}/api/auth`,
    plugins: [inferAdditionalFields(additionalFields), adminClient(), jwtClient()],
    fetchOptions: {
      credentials: options.credentials ?? "include",
      ...(bearer && { auth: { type: "Bearer", token: () => bearer() ?? undefined } }),
      onSuccess: (context) => {
        const token = context.response.headers.get("set-auth-token");
        if (token) options.onBearerToken?.(token);
      },
    },
  });
}
