/**
 * Who may approve what. Long plans need a manager; large settlements need a finance lead. The roles are
 * ordered: a finance lead may approve anything a manager may.
 */

export const APPROVER_ROLES = ['staff', 'manager', 'finance_lead'] as const;
export type ApproverRole = (typeof APPROVER_ROLES)[number];

/** 'none' means no approval is needed at all. */
export type RequiredApproval = 'none' | Exclude<ApproverRole, 'staff'>;

export interface Approver {
  /** Opaque staff user id; recorded on the approval, never shown to patients. */
  userId: string;
  role: ApproverRole;
}

const RANK: Record<ApproverRole, number> = { staff: 0, manager: 1, finance_lead: 2 };

export function isApproverRole(value: unknown): value is ApproverRole {
  return typeof value === 'string' && (APPROVER_ROLES as readonly string[]).includes(value);
}

/** Whether `role` is senior enough for `required`. Unknown roles never suffice. */
export function roleSatisfies(role: unknown, required: RequiredApproval): boolean {
  if (required === 'none') return true;
  return isApproverRole(role) && RANK[role] >= RANK[required];
}
