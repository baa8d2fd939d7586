import { SignInForm as EmailSignInForm } from "@niaga/web-kit/sign-in-form";

/** Email and password, with the way to sign up for those who have no account yet. */
export function SignInForm({ onCreateAccount }: { onCreateAccount: () => void }) {
  return (
    <EmailSignInForm heading="Sign in to Niaga">
      <p className="muted">
        New to Niaga?{" "}
        <button type="button" className="link" onClick={onCreateAccount}>
          Create an account
        </button>
      </p>
    </EmailSignInForm>
  );
}
