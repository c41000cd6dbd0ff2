import { useState, type FormEvent } from 'react';
import { api, ApiError } from './api';
import { useSignIn } from './session';

/** Email and password; errors appear next to the field the server names. */
export function SignIn() {
  const { signedIn, reason } = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  document.title = 'Sign in · Courtesy';

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api('/staff/v1/session', { method: 'POST', body: { email, password } });
      await signedIn();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, [{ path: 'request', message: String(err) }]));
    } finally {
      setBusy(false);
    }
  }

  const emailError = error?.forField('email');
  const passwordError = error?.forField('password');
  const other = error && !emailError && !passwordError ? error.message : null;
  return (
    <main className="signin">
      <form className="signin-card" onSubmit={(e) => void submit(e)} noValidate>
        <div className="brand big">Courtesy</div>
        <h1>Staff console</h1>
        {reason === 'expired' ? (
          <p className="notice" role="status">
            Your session has expired. Please sign in again.
          </p>
        ) : null}
        {reason === 'signed-out' ? (
          <p className="notice" role="status">
            You are signed out.
          </p>
        ) : null}
        <label htmlFor="email">Email</label>
        <input id="email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} aria-invalid={!!emailError} aria-describedby={emailError ? 'email-error' : undefined} />
        {emailError ? (
          <p className="field-error" id="email-error">
            {emailError}
          </p>
        ) : null}
        <label htmlFor="password">Password</label>
        <input id="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} aria-invalid={!!passwordError} aria-describedby={passwordError ? 'password-error' : undefined} />
        {passwordError ? (
          <p className="field-error" id="password-error">
            {passwordError}
          </p>
        ) : null}
        {other ? (
          <p className="field-error" role="alert">
            {other}
          </p>
        ) : null}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <p className="muted small">Sessions end after a period without activity. Every patient record you open is logged.</p>
      </form>
    </main>
  );
}
