import { ApiError } from '../api';

/** Shows a failed request: a "not allowed" page for 403, the server's field errors otherwise. */
export function ErrorBox({ error }: { error: unknown }) {
  if (!error) return null;
  if (error instanceof ApiError && error.status === 403) return <NotAllowed reason={error.errors[0]?.message} />;
  if (error instanceof ApiError && error.status === 404) {
    return (
      <div className="error-box" role="alert">
        <strong>Not found.</strong> {error.errors.map((e) => e.message).join('; ')}
      </div>
    );
  }
  const messages = error instanceof ApiError ? error.errors.map((e) => `${e.path}: ${e.message}`) : [String((error as Error)?.message ?? error)];
  return (
    <div className="error-box" role="alert">
      <strong>Something went wrong.</strong>
      <ul>
        {messages.map((m) => (
          <li key={m}>{m}</li>
        ))}
      </ul>
    </div>
  );
}

export function NotAllowed({ reason }: { reason?: string }) {
  return (
    <div className="not-allowed" role="alert" data-testid="not-allowed">
      <h1>Not allowed</h1>
      <p>Your account does not give you access to this page{reason ? `: ${reason}` : '.'}</p>
      <p className="muted">If you need it for your work, ask a tenant admin to change your role or clinics.</p>
    </div>
  );
}
