import type { NiagaAuthClient } from "@niaga/client";
import { createNiagaAuthClient } from "@niaga/client";
import { NiagaProvider } from "@niaga/client/react";
import type { ReactNode } from "react";
import { createContext, useContext, useState } from "react";
import { createQueryClient } from "./query-client.ts";

const AuthClientContext = createContext<NiagaAuthClient | null>(null);

/**
 * The typed API and the better-auth client for a browser app. Both use the session cookie the API
 * sets, so every request carries credentials; both are made once per mounted app.
 */
export function NiagaWebProvider({ apiUrl, children }: { apiUrl: string; children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  const [authClient] = useState(() => createNiagaAuthClient({ baseURL: apiUrl, credentials: "include" }));
  return (
    <AuthClientContext value={authClient}>
      <NiagaProvider url={apiUrl} credentials="include" queryClient={queryClient}>
        {children}
      </NiagaProvider>
    </AuthClientContext>
  );
}

/** The better-auth client of the enclosing {@link NiagaWebProvider}. */
export function useAuthClient(): NiagaAuthClient {
  const authClient = useContext(AuthClientContext);
  if (!authClient) throw new Error("useAuthClient needs a <NiagaWebProvider> above it");
  return authClient;
}
