import { SignInForm as EmailSignInForm } from "@niaga/web-kit/sign-in-form";

/** Staff sign-in. Accounts are created by a superadmin, so there is no sign-up here. */
export function SignInForm() {
  return (
    <main className="page narrow">
      <EmailSignInForm heading="Niaga Admin" />
    </main>
  );
}
