import { Header } from "@niaga/web-kit/header";
import { NiagaWebProvider } from "@niaga/web-kit/provider";
import { SessionGate } from "@niaga/web-kit/session-gate";
import { canUseConsole } from "./auth/console-access.ts";
import { SignInForm } from "./auth/sign-in-form.tsx";
import { apiUrl } from "./config.ts";
import { NotAllowedPage } from "./pages/not-allowed-page.tsx";
import { UsersPage } from "./pages/users-page.tsx";

/** The admin console: staff sign in with the same cookie sessions as the storefront. */
export function App() {
  return (
    <NiagaWebProvider apiUrl={apiUrl}>
      <SessionGate signedOut={<SignInForm />}>
        {(user) => (
          <>
            {/* Who is signed in, with which role. */}
            <Header brand="Niaga Admin">
              {user.name} <span className="muted">({user.role})</span>
            </Header>
            <main className="page">{canUseConsole(user) ? <UsersPage /> : <NotAllowedPage user={user} />}</main>
          </>
        )}
      </SessionGate>
    </NiagaWebProvider>
  );
}
