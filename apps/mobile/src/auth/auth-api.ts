import { createNiagaAuthClient } from "@niaga/client";

/** Outcome of a sign-in attempt: the bearer token, or a message fit to show the user. */
export type SignInResult = { ok: true; token: string } | { ok: false; message: string };

/** The two auth calls the app makes, kept narrow so screens never see better-auth's types. */
export type AuthApi = {
  signIn: (email: string, password: string) => Promise<SignInResult>;
  signOut: () => Promise<void>;
};

/**
 * Bearer-token auth over @niaga/client's better-auth client. Native apps have no cookie jar we control, so the
 * token from the `set-auth-token` response header is kept by the app and sent back as `Authorization: Bearer`.
 */
export function createAuthApi(baseURL: string, getToken: () => string | null): AuthApi {
  const client = createNiagaAuthClient({
    baseURL,
    fetchOptions: { credentials: "omit", auth: { type: "Bearer", token: () => getToken() ?? undefined } },
  });

  return {
    async signIn(email, password) {
      let token: string | null = null;
      try {
        const { error } = await client.signIn.email(
          { email, password },
          {
            onSuccess: (ctx) => {
              token = ctx.response.headers.get("set-auth-token");
            },
          },
        );
        if (error) return { ok: false, message: error.message || "Sign-in failed" };
      } catch {
        return { ok: false, message: "Could not reach the server. Check your connection and try again." };
      }
      // A missing header means the API lacks the bearer plugin or CORS does not expose the header.
      return token ? { ok: true, token } : { ok: false, message: "The server did not return a session token." };
    },
    async signOut() {
      await client.signOut();
    },
  };
}
