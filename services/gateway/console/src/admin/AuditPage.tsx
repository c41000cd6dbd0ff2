import { DateTime, ErrorBox, Page, Panel, Table, useApi } from '../ui';

interface Entry {
  id: number;
  at: string;
  user: string | null;
  role: string | null;
  action: string;
  subject: string;
  details: Record<string, unknown>;
}

/** The staff audit log: who read or did what, newest first. Details never include patient data. */
export function AuditPage() {
  const { data, error, loading } = useApi<{ entries: Entry[] }>('/staff/v1/audit?limit=200');
  return (
    <Page title="Audit log" subtitle="Every read of a patient's details and every action in the console.">
      <ErrorBox error={error} />
      <Panel title="Latest entries">
        <Table
          testId="audit"
          rows={data?.entries ?? []}
          rowKey={(e) => String(e.id)}
          empty={loading ? 'Loading…' : 'Nothing recorded yet.'}
          columns={[
            { header: 'When', cell: (e) => <DateTime at={e.at} /> },
            { header: 'Who', cell: (e) => (e.user ? `${e.user} (${e.role})` : 'anonymous') },
            { header: 'Action', cell: (e) => <code>{e.action}</code> },
            { header: 'Subject', cell: (e) => <code>{e.subject}</code> },
            { header: 'Details', cell: (e) => <code className="small">{JSON.stringify(e.details)}</code> },
          ]}
        />
      </Panel>
    </Page>
  );
}
