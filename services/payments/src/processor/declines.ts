/**
 * Hard declines say the card will not work again as it is (lost, stolen, closed, expired, wrong number): retrying
 * only annoys the issuer and the patient, so the plan stops and staff call. Everything else (insufficient funds,
 * issuer unavailable, generic declines, processing errors) is soft and follows the plan's retry schedule.
 * Codes are the card networks' reasons as Stripe names them; the sandbox uses the same names.
 */
const HARD_DECLINES = new Set([
  'card_declined_hard',
  'expired_card',
  'lost_card',
  'stolen_card',
  'pickup_card',
  'fraudulent',
  'incorrect_number',
  'invalid_number',
  'invalid_account',
  'invalid_cvc',
  'incorrect_cvc',
  'card_not_supported',
  'restricted_card',
  'security_violation',
  'revocation_of_authorization',
  'revocation_of_all_authorizations',
  'stop_payment_order',
  'transaction_not_allowed',
  'merchant_blacklist',
  'do_not_honor',
  'over_charge_cap',
  'no_card_on_file',
]);

export function isHardDecline(code: string): boolean {
  return HARD_DECLINES.has(code);
}
