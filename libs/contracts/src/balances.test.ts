import { balanceListQuerySchema, balanceVisibilityQuery } from './balances';

const NOW = Date.parse('2026-12-02T12:00:00Z');
const parse = (q: Record<string, string>) => balanceListQuerySchema.parse(q);

describe('balance list query', () => {
  it.each([
    [
      {},
      ['c1'],
      `WorkflowType = 'BalanceWorkflow' AND TenantId = 't' AND ClinicId = 'c1' AND ExecutionStatus = 'Running'`,
    ],
    [
      { status: 'all' },
      ['c1', 'c2'],
      `WorkflowType = 'BalanceWorkflow' AND TenantId = 't' AND ClinicId IN ('c1', 'c2')`,
    ],
    [
      { stage: 'disputed', segment: 'silent_aged' },
      ['c1'],
      `AND Stage = 'disputed' AND Segment = 'silent_aged'`,
    ],
    [{ minBalanceCents: '50000' }, ['c1'], `AND BalanceCents >= 50000`],
    [{ minAgeDays: '30' }, ['c1'], `AND StartTime <= '2026-11-02T12:00:00.000Z'`],
    [{ maxAgeDays: '0' }, ['c1'], `AND StartTime > '2026-12-01T12:00:00.000Z'`],
  ])('%j over %j → …%s', (query, clinics, expected) => {
    expect(balanceVisibilityQuery('t', clinics, parse(query), NOW)).toContain(expected);
  });

  it.each([
    [{ clinicId: "c1' OR TenantId = 'x" }, 'clinicId.0'],
    [{ stage: 'Soft' }, 'stage'],
    [{ minAgeDays: '-1' }, 'minAgeDays'],
    [{ minAgeDays: '1.5' }, 'minAgeDays'],
    [{ pageSize: '500' }, 'pageSize'],
    [{ status: 'closed' }, 'status'],
    [{ minAgeDays: '30', maxAgeDays: '10' }, 'maxAgeDays'],
    [{ pageToken: 'not a token!' }, 'pageToken'],
    [{ colour: 'red' }, ''],
  ])('rejects %j naming %s', (query, field) => {
    const result = balanceListQuerySchema.safeParse(query);
    expect(result.success).toBe(false);
    const issue = result.error!.issues[0]!;
    expect(issue.path.join('.')).toBe(field);
    expect(issue.message.length).toBeGreaterThan(5);
  });

  it('defaults to open balances, 50 a page', () => {
    expect(parse({})).toMatchObject({ status: 'open', pageSize: 50 });
  });
});
