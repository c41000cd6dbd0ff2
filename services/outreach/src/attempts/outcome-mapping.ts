import type { OutreachNotPossibleReason } from '@courtesy/workflows';
import type { BlockReason, Channel } from '../compliance';

/** The guard's block reasons in the words of the workflow contract (which channel to fall back from). */
export function notPossibleReason(reason: BlockReason, channel: Channel): OutreachNotPossibleReason {
  switch (reason) {
    case 'deceased':
    case 'bankruptcy':
    case 'balance_paid':
      return 'stopped';
    case 'dispute_open':
    case 'insurance_hold_open':
      return 'held';
    case 'opted_out':
      return 'opted_out';
    case 'no_sms_consent':
      return 'no_sms_consent';
    case 'invalid_number':
      return 'bad_number';
    case 'bounced_email':
      return 'bad_email';
    case 'undeliverable_address':
      return 'address_undeliverable';
    case 'no_contact_point':
      return channel === 'email' ? 'no_email' : channel === 'letter' ? 'no_address' : 'no_phone';
  }
}
