import { FormError } from "../components/form-error.tsx";
import { TextField } from "../components/text-field.tsx";
import { field, useSubmit } from "../components/use-submit.ts";
import { useAuthActions } from "./session.ts";

/** Email and password; on success the session query flips and the app shows the signed-in pages. */
export function SignInForm({ onCreateAccount }: { onCreateAccount: () => void }) {
  const { signIn } = useAuthActions();
  const { error, pending, onSubmit } = useSubmit((fields) =>
    signIn(field(fields, "email").trim(), field(fields, "password")),
  );

  return (
    <form className="card" onSubmit={onSubmit}>
      <h1>Sign in to Niaga</h1>
      <TextField label="Email" name="email" type="email" autoComplete="email" />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" />
      <FormError message={error} />
      <button type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
      <p className="muted">
        New to Niaga?{" "}
        <button type="button" className="link" onClick={onCreateAccount}>
          Create an account
        </button>
      </p>
    </form>
  );
}
