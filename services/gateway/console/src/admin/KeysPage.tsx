import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { DateTime, ErrorBox, Page, Panel, Table, useApi } from '../ui';
import type { Clinic } from '../accounts/types';

interface KeyRow {
  keyId: string;
  label: string;
  clinicIds: string[];
  signed: boolean;
  createdAt: string;
  revokedAt: string | null;
}

/** Integrator API keys of the tenant: list, issue (the key is shown once), revoke. */
export function KeysPage() {
  const keys = useApi<{ keys: KeyRow[] }>('/staff/v1/admin/integrator-keys');
  const clinics = useApi<{ clinics: Clinic[] }>('/staff/v1/clinics');
  const names = new Map((clinics.data?.clinics ?? []).map((c) => [c.clinicId, c.name]));
  const [label, setLabel] = useState('');
  const [issued, setIssued] = useState<{ keyId: string; apiKey: string } | null>(null);
  const [error, setError] = useState<unknown>(null);

  const issue = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      setIssued(await api('/staff/v1/admin/integrator-keys', { method: 'POST', body: { label, clinicIds: (clinics.data?.clinics ?? []).map((c) => c.clinicId) } }));
      setLabel('');
      keys.reload();
    } catch (err) {
      setError(err);
    }
  };
  const revoke = async (keyId: string) => {
    if (!window.confirm(`Revoke ${keyId}? Integrations using it stop working within seconds.`)) return;
    try {
      await api(`/staff/v1/admin/integrator-keys/${encodeURIComponent(keyId)}`, { method: 'DELETE' });
      keys.reload();
    } catch (err) {
      setError(err);
    }
  };
  const fieldError = error instanceof ApiError ? error.forField('label') : undefined;

  return (
    <Page title="Integrator keys" subtitle="API keys your EHR or billing system uses to send events.">
      <ErrorBox error={keys.error ?? (fieldError ? null : error)} />
      {issued ? (
        <div className="notice" role="status">
          <p>
            New key <strong>{issued.keyId}</strong>. Copy it now into the integration’s secret store; it is not shown again:
          </p>
          <p className="secret" data-testid="new-api-key">
            {issued.apiKey}
          </p>
        </div>
      ) : null}
      <Panel title="Keys">
        <Table
          testId="keys"
          rows={keys.data?.keys ?? []}
          rowKey={(k) => k.keyId}
          empty={keys.loading ? 'Loading…' : 'No keys yet.'}
          columns={[
            { header: 'Key', cell: (k) => <code>{k.keyId}</code> },
            { header: 'Label', cell: (k) => k.label },
            { header: 'Clinics', cell: (k) => k.clinicIds.map((c) => names.get(c) ?? c).join(', ') },
            { header: 'Signed bodies', cell: (k) => (k.signed ? 'yes' : 'no') },
            { header: 'Issued', cell: (k) => <DateTime at={k.createdAt} /> },
            { header: 'Status', cell: (k) => (k.revokedAt ? <span className="badge no">revoked</span> : <span className="badge ok">active</span>) },
            { header: '', cell: (k) => (k.revokedAt ? null : <button type="button" className="danger" onClick={() => void revoke(k.keyId)}>Revoke</button>) },
          ]}
        />
      </Panel>
      <Panel title="Issue a key">
        <form className="inline-form" onSubmit={(e) => void issue(e)} aria-label="Issue a key">
          <label htmlFor="key-label">Label</label>
          <input id="key-label" placeholder="e.g. Athena feed" value={label} onChange={(e) => setLabel(e.target.value)} />
          <button type="submit" className="primary">
            Issue key for all clinics
          </button>
          {fieldError ? <span className="field-error">{fieldError}</span> : null}
        </form>
      </Panel>
    </Page>
  );
}
