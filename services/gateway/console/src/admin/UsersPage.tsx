import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { useSession, type StaffRole } from '../session';
import { DateTime, ErrorBox, Page, Panel, Table, useApi } from '../ui';
import type { Clinic } from '../accounts/types';

interface UserRow {
  id: string;
  email: string;
  displayName: string;
  role: StaffRole;
  clinicIds: string[] | 'all';
  provider: string;
  disabled: boolean;
  createdAt: string;
}

const ROLES: StaffRole[] = ['staff', 'manager', 'finance', 'ops', 'admin'];

/** Tenant admins: create staff users, change role and clinics, disable. */
export function UsersPage() {
  const users = useApi<{ users: UserRow[] }>('/staff/v1/admin/users');
  const clinics = useApi<{ clinics: Clinic[] }>('/staff/v1/clinics');
  const { user: me } = useSession();
  const names = new Map((clinics.data?.clinics ?? []).map((c) => [c.clinicId, c.name]));
  const [actionError, setActionError] = useState<unknown>(null);

  const change = async (id: string, body: Record<string, unknown>) => {
    setActionError(null);
    try {
      await api(`/staff/v1/admin/users/${id}`, { method: 'PATCH', body });
      users.reload();
    } catch (err) {
      setActionError(err);
    }
  };

  return (
    <Page title="Staff users" subtitle="Who can sign in to the console, with which role and clinics. Changing a user signs them out.">
      <ErrorBox error={users.error ?? actionError} />
      <Panel title="Users">
        <Table
          testId="users"
          rows={users.data?.users ?? []}
          rowKey={(u) => u.id}
          empty={users.loading ? 'Loading…' : 'No users.'}
          columns={[
            { header: 'Name', cell: (u) => <>{u.displayName}<div className="muted small">{u.email}</div></> },
            {
              header: 'Role',
              cell: (u) => (
                <select aria-label={`Role of ${u.displayName}`} value={u.role} disabled={u.id === me.userId} onChange={(e) => void change(u.id, { role: e.target.value })}>
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {r}
                    </option>
                  ))}
                </select>
              ),
            },
            { header: 'Clinics', cell: (u) => (u.clinicIds === 'all' ? 'All clinics' : u.clinicIds.map((c) => names.get(c) ?? c).join(', ')) },
            { header: 'Sign-in', cell: (u) => u.provider },
            { header: 'Status', cell: (u) => (u.disabled ? <span className="badge no">disabled</span> : <span className="badge ok">active</span>) },
            { header: 'Created', cell: (u) => <DateTime at={u.createdAt} dateOnly /> },
            {
              header: 'Actions',
              cell: (u) =>
                u.id === me.userId ? (
                  <span className="muted small">you</span>
                ) : (
                  <button type="button" className={u.disabled ? undefined : 'danger'} onClick={() => void change(u.id, { disabled: !u.disabled })}>
                    {u.disabled ? 'Enable' : 'Disable'}
                  </button>
                ),
            },
          ]}
        />
      </Panel>
      <NewUser clinics={clinics.data?.clinics ?? []} onCreated={users.reload} />
    </Page>
  );
}

function NewUser({ clinics, onCreated }: { clinics: Clinic[]; onCreated: () => void }) {
  const [form, setForm] = useState({ email: '', displayName: '', role: 'staff' as StaffRole, password: '' });
  const [scope, setScope] = useState<string[] | 'all'>('all');
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const field = (k: keyof typeof form) => ({ value: form[k], onChange: (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value }) });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setDone(null);
    try {
      await api('/staff/v1/admin/users', { method: 'POST', body: { ...form, clinicIds: scope } });
      setDone(`${form.displayName} can now sign in as ${form.email}.`);
      setForm({ email: '', displayName: '', role: 'staff', password: '' });
      onCreated();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, [{ path: 'request', message: String(err) }]));
    }
  };
  const err = (f: string) => (error?.forField(f) ? <p className="field-error">{error.forField(f)}</p> : null);
  return (
    <Panel title="Add a user">
      <form onSubmit={(e) => void submit(e)} noValidate aria-label="Add a user">
        <div className="form-row">
          <div>
            <label htmlFor="nu-name">Name</label>
            <input id="nu-name" {...field('displayName')} />
            {err('displayName')}
          </div>
          <div>
            <label htmlFor="nu-email">Email</label>
            <input id="nu-email" type="email" {...field('email')} />
            {err('email')}
          </div>
          <div>
            <label htmlFor="nu-role">Role</label>
            <select id="nu-role" {...field('role')}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="nu-password">Initial password</label>
            <input id="nu-password" type="password" autoComplete="new-password" {...field('password')} />
            {err('password')}
          </div>
        </div>
        <fieldset className="clinics">
          <legend>Clinics</legend>
          <label className="check">
            <input type="checkbox" checked={scope === 'all'} onChange={(e) => setScope(e.target.checked ? 'all' : [])} /> All clinics
          </label>
          {scope !== 'all'
            ? clinics.map((c) => (
                <label className="check" key={c.clinicId}>
                  <input type="checkbox" checked={scope.includes(c.clinicId)} onChange={(e) => setScope(e.target.checked ? [...scope, c.clinicId] : scope.filter((x) => x !== c.clinicId))} /> {c.name}
                </label>
              ))
            : null}
          {err('clinicIds')}
        </fieldset>
        {error && !['email', 'displayName', 'password', 'clinicIds'].some((f) => error.forField(f)) ? <p className="field-error">{error.message}</p> : null}
        {done ? <p className="notice" role="status">{done}</p> : null}
        <p>
          <button type="submit" className="primary">
            Add user
          </button>
        </p>
      </form>
    </Panel>
  );
}
