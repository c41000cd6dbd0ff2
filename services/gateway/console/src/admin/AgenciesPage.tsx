import { ErrorBox, Page, Panel, Table, useApi } from '../ui';

interface Agency {
  agencyId: string;
  name: string;
  clinicIds: string[];
  commission: Array<{ upToDays?: number; pct?: number; [k: string]: unknown }>;
  fileFormat: string;
  cutoffLocalTime: string;
  timeZone: string;
  active: boolean;
}

/** Collection agencies the tenant places accounts with (read from placement). */
export function AgenciesPage() {
  const { data, error, loading } = useApi<{ agencies: Agency[] }>('/staff/v1/admin/agencies');
  return (
    <Page title="Agencies" subtitle="Collection agencies accounts may be placed with. Managed by placement; read-only here.">
      <ErrorBox error={error} />
      <Panel title="Agencies">
        <Table
          testId="agencies"
          rows={data?.agencies ?? []}
          rowKey={(a) => a.agencyId}
          empty={loading ? 'Loading…' : 'No agencies configured.'}
          columns={[
            { header: 'Agency', cell: (a) => <>{a.name}<div className="muted small">{a.agencyId}</div></> },
            { header: 'Clinics', cell: (a) => a.clinicIds.join(', ') },
            { header: 'File', cell: (a) => a.fileFormat },
            { header: 'Daily cutoff', cell: (a) => `${a.cutoffLocalTime} ${a.timeZone}` },
            { header: 'Commission tiers', numeric: true, cell: (a) => a.commission.length },
            { header: 'Status', cell: (a) => (a.active ? <span className="badge ok">active</span> : <span className="badge">inactive</span>) },
          ]}
        />
      </Panel>
    </Page>
  );
}
