import { BrowserRouter, NavLink, Route, Routes, useLocation } from 'react-router-dom';
import { SessionProvider, useSession } from './session';
import { routes } from './routes';
import { SignIn } from './SignIn';
import { ErrorBoundary, NotAllowed } from './ui';

const ROLE_NAMES = { staff: 'Billing staff', manager: 'Manager', finance: 'Finance lead', ops: 'Ops', admin: 'Tenant admin' } as const;

function Shell() {
  const session = useSession();
  const location = useLocation();
  const { user } = session;
  const allowed = (roles?: string[]) => !roles || roles.includes(user.role);
  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Main">
        <div className="brand">Courtesy</div>
        <ul>
          {routes
            .filter((r) => r.nav && allowed(r.roles))
            .map((r) => (
              <li key={r.path}>
                <NavLink to={r.path} end={r.path === '/'}>
                  {r.nav}
                </NavLink>
              </li>
            ))}
        </ul>
        <div className="whoami" data-testid="whoami">
          <div className="who">{user.displayName}</div>
          <div className="muted">
            {ROLE_NAMES[user.role]} · {user.tenantId}
          </div>
          <button type="button" className="link" onClick={() => void session.signOut()}>
            Sign out
          </button>
        </div>
      </nav>
      <main className="main">
        <ErrorBoundary resetKey={location.pathname}>
        <Routes>
          {routes.map((r) => (
            <Route key={r.path} path={r.path} element={allowed(r.roles) ? r.element : <NotAllowed reason={`needs role ${r.roles!.join(' or ')}`} />} />
          ))}
          <Route path="*" element={<NotFound />} />
        </Routes>
        </ErrorBoundary>
      </main>
    </div>
  );
}

function NotFound() {
  return (
    <div className="not-allowed">
      <h1>Page not found</h1>
      <p>There is no console page at this address.</p>
    </div>
  );
}

export function App() {
  return (
    <BrowserRouter basename="/console">
      <SessionProvider signedOut={<SignIn />}>
        <Shell />
      </SessionProvider>
    </BrowserRouter>
  );
}
