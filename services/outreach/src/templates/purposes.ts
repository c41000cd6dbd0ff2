/**
 * Why a message is sent. Shared with the compliance guard, which lets exactly one purpose
 * (`dispute_ack`) through an open dispute or insurance hold.
 */
export const TEMPLATE_PURPOSES = [
  'payment_reminder',
  'statement_notice',
  'dispute_ack',
  'final_notice',
  'plan_reminder',
  'help_reply',
] as const;

export type TemplatePurpose = (typeof TEMPLATE_PURPOSES)[number];
