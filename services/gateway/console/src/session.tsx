import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, ApiError, UNAUTHORIZED_EVENT } from './api';

export type StaffRole = 'staff' | 'manager' | 'finance' | 'ops' | 'admin';

/** Mirrors services/gateway/src/staff/staff-principal.ts. */
export interface StaffPrincipal {
  userId: string;
  tenantId: string;
  role: StaffRole;
  clinicIds: string[] | 'all';
  displayName: string;
}

export const canSeeClinic = (p: StaffPrincipal, clinicId: string) => p.clinicIds === 'all' || p.clinicIds.includes(clinicId);

interface SessionInfo {
  user: StaffPrincipal;
  idleMinutes: number;
  temporalUiUrl: string;
  temporalNamespace: string;
}

export interface Session extends SessionInfo {
  signOut(): Promise<void>;
  /** Link to a workflow in Temporal UI (ops' deep link). */
  temporalLink(workflowId: string): string;
}

type State = { status: 'loading' } | { status: 'signed-out'; reason?: 'expired' | 'signed-out' } | { status: 'signed-in'; info: SessionInfo };

const SessionContext = createContext<Session | null>(null);
const SignInContext = createContext<{ signedIn(): Promise<void>; reason?: 'expired' | 'signed-out' } | null>(null);

/** Loads the current session; children render only when signed in, `signedOut` otherwise. */
export function SessionProvider({ children, signedOut }: { children: ReactNode; signedOut: ReactNode }) {
  const [state, setState] = useState<State>({ status: 'loading' });

  const load = useCallback(async (reason?: 'expired') => {
    try {
      const info = await api<SessionInfo>('/staff/v1/session');
      setState({ status: 'signed-in', info });
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setState({ status: 'signed-out', reason });
      else setState({ status: 'signed-out' });
    }
  }, []);

  useEffect(() => {
    void load();
    const onUnauthorized = () => setState((s) => (s.status === 'signed-in' ? { status: 'signed-out', reason: 'expired' } : s));
    window.addEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
  }, [load]);

  if (state.status === 'loading') return <p className="loading">Loading…</p>;
  if (state.status === 'signed-out') {
    return <SignInContext.Provider value={{ signedIn: () => load(), reason: state.reason }}>{signedOut}</SignInContext.Provider>;
  }
  const info = state.info;
  const session: Session = {
    ...info,
    async signOut() {
      await api('/staff/v1/session', { method: 'DELETE' }).catch(() => undefined);
      setState({ status: 'signed-out', reason: 'signed-out' });
    },
    temporalLink: (workflowId) =>
      `${info.temporalUiUrl.replace(/\/$/, '')}/namespaces/${encodeURIComponent(info.temporalNamespace)}/workflows/${encodeURIComponent(workflowId)}`,
  };
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

/** The signed-in user and session helpers; only inside the signed-in part of the app. */
export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a signed-in SessionProvider');
  return s;
}

export function useSignIn() {
  const s = useContext(SignInContext);
  if (!s) throw new Error('useSignIn outside a signed-out SessionProvider');
  return s;
}
