import type { NiagaAuth } from "@niaga/client";
import type { ReactNode } from "react";
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from "react";
import type { AuthApi } from "./auth-api.ts";
import { createAuthApi } from "./auth-api.ts";
import { readStoredToken, writeStoredToken } from "./token-storage";

type Status = "restoring" | "signed-out" | "signed-in";

/** What screens need from the session; the token itself stays inside this module. */
export type SessionValue = {
  status: Status;
  /** Resolves to an error message to show, or null on success. */
  signIn: (email: string, password: string) => Promise<string | null>;
  signOut: () => Promise<void>;
  /** The credential for API calls: read at request time so it always carries the current token. */
  apiAuth: () => NiagaAuth | null;
};

const SessionContext = createContext<SessionValue | null>(null);

/** Holds the bearer token in memory (a ref, so header callbacks never see a stale one) and persists it. */
export function SessionProvider({ apiUrl, children }: { apiUrl: string; children: ReactNode }) {
  const token = useRef<string | null>(null);
  const [status, setStatus] = useState<Status>("restoring");
  const auth = useMemo<AuthApi>(() => createAuthApi(apiUrl, () => token.current), [apiUrl]);

  useEffect(() => {
    // A storage failure must not lock the user out of the sign-in screen.
    void readStoredToken()
      .catch(() => null)
      .then((stored) => {
        token.current = stored;
        setStatus(stored ? "signed-in" : "signed-out");
      });
  }, []);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const result = await auth.signIn(email, password);
      if (!result.ok) return result.message;
      token.current = result.token;
      await writeStoredToken(result.token).catch(() => undefined);
      setStatus("signed-in");
      return null;
    },
    [auth],
  );

  const signOut = useCallback(async () => {
    // Revoke server-side when we can; signing out locally must work offline too.
    await auth.signOut().catch(() => undefined);
    token.current = null;
    await writeStoredToken(null).catch(() => undefined);
    setStatus("signed-out");
  }, [auth]);

  const apiAuth = useCallback(
    (): NiagaAuth | null => (token.current ? { type: "bearer", token: token.current } : null),
    [],
  );

  const value = useMemo(() => ({ status, signIn, signOut, apiAuth }), [status, signIn, signOut, apiAuth]);
  return <SessionContext value={value}>{children}</SessionContext>;
}

/** The current session; throws outside SessionProvider so a wiring mistake fails loudly. */
export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (value === null) throw new Error("useSession must be used inside <SessionProvider>");
  return value;
}
