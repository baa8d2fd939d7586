import { Header } from "@niaga/web-kit/header";
import { NiagaWebProvider } from "@niaga/web-kit/provider";
import { SessionGate } from "@niaga/web-kit/session-gate";
import { apiUrl } from "./config.ts";
import { ProfilePage } from "./pages/profile-page.tsx";
import { SignInPage } from "./pages/sign-in-page.tsx";

/** The storefront: cookie sessions against the API, so every request carries credentials. */
export function App() {
  return (
    <NiagaWebProvider apiUrl={apiUrl}>
      <SessionGate signedOut={<SignInPage />}>
        {(user) => (
          <>
            <Header brand="Niaga">{user.name}</Header>
            <main className="page">
              <ProfilePage user={user} />
            </main>
          </>
        )}
      </SessionGate>
    </NiagaWebProvider>
  );
}
