// Web: expo-secure-store has no browser backend, so the token goes to localStorage (readable by any script on the
// origin: acceptable for this skeleton, revisit before shipping the web build to shoppers).
const KEY = "niaga.auth-token";

/** Reads the persisted bearer token, or null. */
export async function readStoredToken(): Promise<string | null> {
  return globalThis.localStorage?.getItem(KEY) ?? null;
}

/** Persists the bearer token, or removes it when given null. */
export async function writeStoredToken(token: string | null): Promise<void> {
  if (token === null) globalThis.localStorage?.removeItem(KEY);
  else globalThis.localStorage?.setItem(KEY, token);
}
