import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { DateTime, ErrorBox, Money, Page, Panel, Table, useApi, words } from '../ui';
import type { BalanceRow, Clinic } from './types';

/** A clinic's balances (the user's clinics only), filtered by stage and segment, a page at a time. */
export function AccountList() {
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const clinics = useApi<{ clinics: Clinic[] }>('/staff/v1/clinics');
  const clinicId = params.get('clinicId') ?? '';
  const stage = params.get('stage') ?? '';
  const pageToken = params.get('pageToken') ?? '';
  const query = new URLSearchParams({ pageSize: '25', ...(clinicId ? { clinicId } : {}), ...(stage ? { stage } : {}), ...(pageToken ? { pageToken } : {}) });
  const list = useApi<{ balances: BalanceRow[]; nextPageToken: string | null }>(`/staff/v1/accounts?${query}`);
  const [ref, setRef] = useState('');
  const [refClinic, setRefClinic] = useState('');
  const names = new Map((clinics.data?.clinics ?? []).map((c) => [c.clinicId, c.name]));

  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    next.delete('pageToken');
    setParams(next);
  };
  const open = (e: FormEvent) => {
    e.preventDefault();
    const c = refClinic || clinics.data?.clinics[0]?.clinicId;
    if (c && ref.trim()) navigate(`/accounts/${encodeURIComponent(c)}/${encodeURIComponent(ref.trim())}`);
  };

  return (
    <Page title="Accounts" subtitle="Open balances at your clinics, newest activity first.">
      <Panel title="Find an account">
        <form className="inline-form" onSubmit={open} aria-label="Open an account by its reference">
          <label htmlFor="ref-clinic" className="sr-only">
            Clinic
          </label>
          <select id="ref-clinic" value={refClinic} onChange={(e) => setRefClinic(e.target.value)}>
            {(clinics.data?.clinics ?? []).map((c) => (
              <option key={c.clinicId} value={c.clinicId}>
                {c.name}
              </option>
            ))}
          </select>
          <label htmlFor="ref" className="sr-only">
            Account reference
          </label>
          <input id="ref" placeholder="Account reference, e.g. A-2001" value={ref} onChange={(e) => setRef(e.target.value)} />
          <button type="submit">Open</button>
        </form>
      </Panel>
      <Panel
        title="Balances"
        actions={
          <div className="inline-form">
            <label htmlFor="clinic-filter">Clinic</label>
            <select id="clinic-filter" value={clinicId} onChange={(e) => set('clinicId', e.target.value)}>
              <option value="">All my clinics</option>
              {(clinics.data?.clinics ?? []).map((c) => (
                <option key={c.clinicId} value={c.clinicId}>
                  {c.name}
                </option>
              ))}
            </select>
            <label htmlFor="stage-filter">Stage</label>
            <select id="stage-filter" value={stage} onChange={(e) => set('stage', e.target.value)}>
              <option value="">Any</option>
              {['soft', 'plan', 'disputed', 'hardship', 'held', 'final_notice', 'placed', 'closed'].map((s) => (
                <option key={s} value={s}>
                  {words(s)}
                </option>
              ))}
            </select>
          </div>
        }
      >
        <ErrorBox error={clinics.error ?? list.error} />
        {list.loading ? <p className="muted">Loading…</p> : null}
        {list.data ? (
          <Table
            testId="balances"
            rows={list.data.balances}
            rowKey={(r) => `${r.clinicId}/${r.accountRef}`}
            empty="No open balances match."
            columns={[
              { header: 'Account', cell: (r) => <Link to={`/accounts/${encodeURIComponent(r.clinicId)}/${encodeURIComponent(r.accountRef)}`}>{r.accountRef}</Link> },
              { header: 'Clinic', cell: (r) => names.get(r.clinicId) ?? r.clinicId },
              { header: 'Balance', numeric: true, cell: (r) => <Money cents={r.balanceCents} /> },
              { header: 'Stage', cell: (r) => words(r.stage) },
              { header: 'Segment', cell: (r) => words(r.segment) },
              { header: 'Age (days)', numeric: true, cell: (r) => r.ageDays ?? '—' },
              { header: 'Next action', cell: (r) => <DateTime at={r.nextActionAt} /> },
            ]}
          />
        ) : null}
        {list.data?.nextPageToken ? (
          <p>
            <button type="button" onClick={() => setParams(new URLSearchParams({ ...Object.fromEntries(params), pageToken: list.data!.nextPageToken! }))}>
              Next page
            </button>
          </p>
        ) : null}
      </Panel>
    </Page>
  );
}
