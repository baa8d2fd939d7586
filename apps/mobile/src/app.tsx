import { NiagaProvider } from "@niaga/client/react";
import { ActivityIndicator, View } from "react-native";
import { SessionProvider, useSession } from "./auth/session.tsx";
import { resolveApiUrl } from "./config/api-url.ts";
import { ProfileScreen } from "./screens/profile-screen.tsx";
import { SignInScreen } from "./screens/sign-in-screen.tsx";
import { styles } from "./ui/theme.ts";

const apiUrl = resolveApiUrl();

/** Root component: the session decides between the sign-in screen and the signed-in app. */
export function App() {
  return (
    <SessionProvider apiUrl={apiUrl}>
      <Screens />
    </SessionProvider>
  );
}

function Screens() {
  const session = useSession();
  if (session.status === "restoring") {
    return (
      <View style={styles.screen}>
        <ActivityIndicator />
      </View>
    );
  }
  if (session.status === "signed-out") return <SignInScreen onSignIn={session.signIn} />;
  return <SignedIn />;
}

/**
 * Mounted only while signed in: NiagaProvider makes its QueryClient per mount, so every cached response is
 * dropped on sign-out and the next user never sees the previous user's data. Bearer token only, no cookies.
 */
function SignedIn() {
  const { apiAuth, signOut } = useSession();
  return (
    <NiagaProvider url={apiUrl} auth={apiAuth} credentials="omit">
      <ProfileScreen onSignOut={() => void signOut()} />
    </NiagaProvider>
  );
}
