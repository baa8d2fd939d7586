import { NiagaProvider } from "@niaga/client/react";
import { useState } from "react";
import { useCurrentUser } from "./auth/session.ts";
import { Header } from "./components/header.tsx";
import { apiUrl } from "./config.ts";
import { ProfilePage } from "./pages/profile-page.tsx";
import { SignInPage } from "./pages/sign-in-page.tsx";
import { createQueryClient } from "./query-client.ts";

/** The storefront: cookie sessions against the API, so every request carries credentials. */
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
  if (!session.data) return <SignInPage />;
  return (
    <>
      <Header user={session.data} />
      <main className="page">
        <ProfilePage user={session.data} />
      </main>
    </>
  );
}
