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
 * token the server hands out in the `set-auth-token` header is kept by the app and sent back as
 * `Authorization: Bearer`; cookies are never sent (`credentials: "omit"`).
 */
export function createAuthApi(baseURL: string, getToken: () => string | null): AuthApi {
  let issued: string | null = null;
  const client = createNiagaAuthClient({
    baseURL,
    credentials: "omit",
    getBearerToken: getToken,
    onBearerToken: (token) => {
      issued = token;
    },
  });

  return {
    async signIn(email, password) {
      issued = null;
      try {
        const { error } = await client.signIn.email({ email, password });
        if (error) return { ok: false, message: error.message || "Sign-in failed" };
      } catch {
        return { ok: false, message: "Could not reach the server. Check your connection and try again." };
      }
      // No token means the API lacks the bearer plugin or its CORS config does not expose the header.
      return issued
        ? { ok: true, token: issued }
        : { ok: false, message: "The server did not return a session token." };
    },
    async signOut() {
      await client.signOut();
    },
  };
}
