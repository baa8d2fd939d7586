import { NiagaProvider } from "@niaga/client/react";
import { useState } from "react";
import { canUseConsole, useCurrentUser } from "./auth/session.ts";
import { SignInForm } from "./auth/sign-in-form.tsx";
import { Header } from "./components/header.tsx";
import { apiUrl } from "./config.ts";
import { NotAllowedPage } from "./pages/not-allowed-page.tsx";
import { UsersPage } from "./pages/users-page.tsx";
import { createQueryClient } from "./query-client.ts";

/** The admin console: staff sign in with the same cookie sessions as the storefront. */
export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <NiagaProvider url={apiUrl} credentials="include" queryClient={queryClient}>
      <Shell />
    </NiagaProvider>
  );
}

function Shell() {
  const session = useCurrentUser();
  if (session.isPending) return <p className="status">Loading…</p>;
  if (session.isError) {
    return (
      <div className="page">
        <p role="alert" className="error">
          Could not reach Niaga: {session.error.message}
        </p>
        <button type="button" onClick={() => void session.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  if (!session.data) return <SignInForm />;
  return (
    <>
      <Header user={session.data} />
      <main className="page">
        {canUseConsole(session.data) ? <UsersPage /> : <NotAllowedPage user={session.data} />}
      </main>
    </>
  );
}
