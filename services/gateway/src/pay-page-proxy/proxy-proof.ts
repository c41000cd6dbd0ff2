import { createHmac } from 'node:crypto';

/** Header by which this proxy proves to payments that a request comes from the gateway. */
export const PROXY_PROOF_HEADER = 'x-courtesy-proxy-proof';

/**
 * Derived from the operator token gateway and payments share, so the token itself is not sent on every patient
 * request. Keep in step with services/payments/src/pay-page/client-address.ts.
 */
export const proxyProofFor = (adminToken: string): string =>
  createHmac('sha256', adminToken).update('courtesy pay-page proxy v1').digest('base64url');
