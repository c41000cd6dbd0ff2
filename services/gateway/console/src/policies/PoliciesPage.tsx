import { useEffect, useState } from 'react';
import { api, ApiError, type FieldError } from '../api';
import { DateTime, ErrorBox, Page, Panel, useApi } from '../ui';
import {
  STEP_FIELDS,
  SCALAR_FIELDS,
  body,
  channelText,
  channelValue,
  getPath,
  setPath,
  timeline,
  typed,
  type Policy,
} from './policy-draft';

/** The step fields with a fixed set of values (workflows/src/domain/policy.ts) are picked, not typed. */
const STEP_OPTIONS = {
  tone: ['friendly', 'helpful', 'reassuring', 'collaborative', 'neutral'],
  kind: ['reminder', 'final_notice'],
} as const;
const STEP_WIDTHS: Record<string, string> = {
  key: '10.5rem',
  dayOffset: '4rem',
  channel: '9rem',
  templateKey: '13.5rem',
  tone: '10.5rem',
  kind: '9.5rem',
};

interface PolicyVersion {
  version: number;
  createdAt: string;
  createdBy: string;
  policy: Policy;
}
interface PolicyView {
  current: { version: number; default?: boolean; policy: Policy };
  versions: PolicyVersion[];
  canEdit: boolean;
}

/**
 * A clinic's collection policy: the form (admins edit, everyone else reads), the cadence previewed as a
 * timeline as it is edited, and every stored version. Accounts validates on save; each refused field shows
 * its reason beside the input and nothing is stored.
 */
export function PoliciesPage() {
  const clinics = useApi<{ clinics: Array<{ clinicId: string; name: string }> }>('/staff/v1/reports/clinics');
  const [clinicId, setClinicId] = useState('');
  const chosen = clinicId || clinics.data?.clinics[0]?.clinicId || '';
  const view = useApi<PolicyView>(chosen ? `/staff/v1/policies/${encodeURIComponent(chosen)}` : null);
  const [draft, setDraft] = useState<Policy | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [saved, setSaved] = useState<number | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (view.data) setDraft(structuredClone(view.data.current.policy));
    setErrors([]);
  }, [view.data]);

  const canEdit = view.data?.canEdit ?? false;
  const errorFor = (path: string) => errors.find((e) => e.path === `body.${path}`)?.message;
  // Editing a field clears its error: the message was about the old value.
  const clearError = (path: string) => setErrors((es) => es.filter((e) => e.path !== `body.${path}`));
  const edit = (path: string, value: unknown) => {
    setDraft((d) => (d ? setPath(d, path, value) : d));
    clearError(path);
    setSaved(null);
  };
  const editStep = (i: number, field: string, value: unknown) => {
    clearError(`cadence[${i}].${field}`);
    setSaved(null);
    setDraft((d) => {
      if (!d) return d;
      const cadence = [...(d.cadence ?? [])];
      cadence[i] = { ...cadence[i], [field]: value };
      return { ...d, cadence };
    });
  };

  async function save() {
    if (!draft) return;
    setSaving(true);
    setErrors([]);
    try {
      const r = await api<{ version: number }>(`/staff/v1/policies/${encodeURIComponent(chosen)}`, {
        method: 'PUT',
        body: body(draft),
      });
      setSaved(r.version);
      view.reload();
    } catch (err) {
      setErrors(err instanceof ApiError ? err.errors : [{ path: 'request', message: String(err) }]);
    } finally {
      setSaving(false);
    }
  }

  const fieldInput = (path: string, label: string, hint?: string) => {
    const id = `f-${path.replace(/\W/g, '-')}`;
    const err = errorFor(path);
    return (
      <div key={path}>
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          name={path}
          value={String(getPath(draft ?? {}, path) ?? '')}
          readOnly={!canEdit}
          aria-invalid={err ? true : undefined}
          aria-describedby={err ? `${id}-err` : undefined}
          onChange={(e) => edit(path, typed(e.target.value))}
        />
        {hint ? <p className="muted small">{hint}</p> : null}
        {err ? (
          <p className="field-error" id={`${id}-err`} data-testid={`error-${path}`}>
            {err}
          </p>
        ) : null}
      </div>
    );
  };

  const general = errors.filter(
    (e) => !SCALAR_FIELDS.some((f) => e.path === `body.${f.path}`) && !/^body\.cadence\[\d+\]\./.test(e.path),
  );
  return (
    <Page
      title="Clinic policy"
      subtitle={
        view.data
          ? `Version ${view.data.current.version}${view.data.current.default ? ' (the default policy: none stored yet)' : ''}`
          : undefined
      }
      actions={
        <div className="inline-form">
          <label htmlFor="clinic" style={{ margin: 0 }}>
            Clinic
          </label>
          <select id="clinic" value={chosen} onChange={(e) => setClinicId(e.target.value)}>
            {clinics.data?.clinics.map((c) => (
              <option key={c.clinicId} value={c.clinicId}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      }
    >
      {clinics.error ? <ErrorBox error={clinics.error} /> : null}
      {view.error ? <ErrorBox error={view.error} /> : null}
      {!canEdit && view.data ? (
        <p className="notice">Read only: tenant admins change a clinic's policy.</p>
      ) : null}
      {saved !== null ? (
        <p className="notice" role="status" data-testid="saved">
          Saved as version {saved}. Running balances apply it from their next step.
        </p>
      ) : null}
      {errors.length > 0 ? (
        <div className="error-box" role="alert" data-testid="policy-errors">
          <strong>Not saved: </strong>
          {errors.length} field{errors.length === 1 ? '' : 's'} need{errors.length === 1 ? 's' : ''} a change.
          {general.length > 0 ? (
            <ul>
              {general.map((e) => (
                <li key={e.path + e.message}>
                  <code>{e.path.replace(/^body\./, '')}</code> {e.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {draft ? (
        <>
          <div
            style={{
              display: 'grid',
              gridTemplateColumns: 'minmax(0, 1fr) 330px',
              gap: '1rem',
              alignItems: 'start',
            }}
          >
            <div>
              <Panel title="Rules">
                <div className="form-row">
                  {SCALAR_FIELDS.map((f) => fieldInput(f.path, f.label, f.hint))}
                </div>
              </Panel>
            </div>
            <div>
              <Panel title="Cadence preview" testId="cadence-preview">
                <p className="muted small">
                  A balance whose first statement goes out today, as this draft stands (not yet saved).
                </p>
                <ol className="timeline" data-testid="timeline">
                  {timeline(draft).map((t, i) => (
                    <li key={i} className={`timeline-${t.kind}`}>
                      <div className="when">
                        Day {t.day}
                        {draft.dayLengthMs === 86_400_000
                          ? ` · ${new Date(Date.now() + t.day * 86_400_000).toLocaleDateString('en-US', { month: 'short', day: 'numeric' })}`
                          : ''}
                      </div>
                      <strong>{t.kind === 'final' ? `${t.title} (final notice)` : t.title}</strong>
                      <div className="small">{t.detail}</div>
                    </li>
                  ))}
                </ol>
              </Panel>
              <Panel title="Versions" testId="versions">
                {view.data && view.data.versions.length === 0 ? (
                  <p className="muted">None stored: the clinic runs on the default policy.</p>
                ) : null}
                <ul style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                  {view.data?.versions.map((v) => (
                    <li
                      key={v.version}
                      data-testid={`version-${v.version}`}
                      style={{ padding: '0.25rem 0', borderBottom: '1px solid #e4e7ec' }}
                    >
                      <strong>v{v.version}</strong> · <DateTime at={v.createdAt} /> ·{' '}
                      <span className="muted">{v.createdBy}</span>
                    </li>
                  ))}
                </ul>
              </Panel>
            </div>
          </div>
          <Panel
            title="Cadence"
            actions={
              canEdit ? (
                <button
                  type="button"
                  onClick={() =>
                    setDraft((d) =>
                      d
                        ? {
                            ...d,
                            cadence: [
                              ...(d.cadence ?? []),
                              {
                                key: `step-${(d.cadence?.length ?? 0) + 1}`,
                                dayOffset: 0,
                                channel: 'sms',
                                templateKey: 'reminder',
                                tone: 'friendly',
                                kind: 'reminder',
                              },
                            ],
                          }
                        : d,
                    )
                  }
                >
                  Add step
                </button>
              ) : null
            }
          >
            <div style={{ overflowX: 'auto' }}>
              <table className="table" data-testid="cadence-table">
                <thead>
                  <tr>
                    {STEP_FIELDS.map((f) => (
                      <th key={f}>{f === 'dayOffset' ? 'day' : f === 'templateKey' ? 'template' : f}</th>
                    ))}
                    {canEdit ? <th /> : null}
                  </tr>
                </thead>
                <tbody>
                  {(draft.cadence ?? []).map((s, i) => (
                    <tr key={i}>
                      {STEP_FIELDS.map((f) => {
                        const path = `cadence[${i}].${f}`;
                        const err = errorFor(path);
                        const options = STEP_OPTIONS[f as keyof typeof STEP_OPTIONS];
                        return (
                          <td key={f}>
                            {options ? (
                              <select
                                aria-label={`step ${i + 1} ${f}`}
                                name={path}
                                value={String(s[f] ?? '')}
                                disabled={!canEdit}
                                aria-invalid={err ? true : undefined}
                                style={{ width: STEP_WIDTHS[f] }}
                                onChange={(e) => editStep(i, f, e.target.value)}
                              >
                                {[...new Set([...options, String(s[f] ?? '')])].filter(Boolean).map((o) => (
                                  <option key={o} value={o}>
                                    {o.replace(/_/g, ' ')}
                                  </option>
                                ))}
                              </select>
                            ) : (
                              <input
                                aria-label={`step ${i + 1} ${f}`}
                                name={path}
                                value={f === 'channel' ? channelText(s[f]) : String(s[f] ?? '')}
                                readOnly={!canEdit}
                                aria-invalid={err ? true : undefined}
                                style={{ width: STEP_WIDTHS[f] }}
                                onChange={(e) =>
                                  editStep(
                                    i,
                                    f,
                                    f === 'dayOffset'
                                      ? typed(e.target.value)
                                      : f === 'channel'
                                        ? channelValue(e.target.value)
                                        : e.target.value,
                                  )
                                }
                              />
                            )}
                            {err ? (
                              <p className="field-error" data-testid={`error-${path}`}>
                                {err}
                              </p>
                            ) : null}
                          </td>
                        );
                      })}
                      {canEdit ? (
                        <td>
                          <button
                            type="button"
                            className="danger"
                            aria-label={`remove step ${i + 1}`}
                            onClick={() =>
                              setDraft((d) =>
                                d ? { ...d, cadence: (d.cadence ?? []).filter((_, j) => j !== i) } : d,
                              )
                            }
                          >
                            ✕
                          </button>
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Panel>
          {canEdit ? (
            <div className="inline-form" style={{ marginTop: '0.5rem' }}>
              <button type="button" className="primary" onClick={() => void save()} disabled={saving}>
                {saving ? 'Saving…' : 'Save as new version'}
              </button>
              <button
                type="button"
                onClick={() =>
                  view.data && (setDraft(structuredClone(view.data.current.policy)), setErrors([]))
                }
              >
                Discard changes
              </button>
            </div>
          ) : null}
        </>
      ) : null}
    </Page>
  );
}
