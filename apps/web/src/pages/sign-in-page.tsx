import { useState } from "react";
import { SignInForm } from "../auth/sign-in-form.tsx";
import { SignUpForm } from "../auth/sign-up-form.tsx";

/** What a signed-out visitor sees: sign in, or create a customer or seller account. */
export function SignInPage() {
  const [mode, setMode] = useState<"sign-in" | "sign-up">("sign-in");
  return (
    <main className="page narrow">
      {mode === "sign-in" ? (
        <SignInForm onCreateAccount={() => setMode("sign-up")} />
      ) : (
        <SignUpForm onSignIn={() => setMode("sign-in")} />
      )}
    </main>
  );
}
