/** The message of a failed action, announced to screen readers. */
export function FormError({ message }: { message: string | null }) {
  if (message === null) return null;
  return (
    <p role="alert" className="error" data-testid="form-error">
      {message}
    </p>
  );
}
