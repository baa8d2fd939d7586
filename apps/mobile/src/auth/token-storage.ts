import * as SecureStore from "expo-secure-store";

// Native: the bearer token lives in the Keychain / Keystore, not in plain AsyncStorage.
// Metro picks token-storage.web.ts instead when bundling for the browser.
const KEY = "niaga.auth-token";

/** Reads the persisted bearer token, or null. */
export function readStoredToken(): Promise<string | null> {
  return SecureStore.getItemAsync(KEY);
}

/** Persists the bearer token, or removes it when given null. */
export async function writeStoredToken(token: string | null): Promise<void> {
  if (token === null) await SecureStore.deleteItemAsync(KEY);
  else await SecureStore.setItemAsync(KEY, token);
}
