/** Builders for valid integrator events; tests change one thing at a time from a known-good shape. */
export const nowIso = () => new Date().toISOString();

export function guarantor(id: string, clinicId: string, accountRef: string, email: string) {
  const at = nowIso();
  return {
    id,
    type: 'guarantor.upserted',
    occurredAt: at,
    clinicId,
    data: {
      schemaVersion: 1,
      accountRef,
      name: { first: 'Robin', last: 'Okafor' },
      dateOfBirth: '1984-05-17',
      email,
      address: { line1: '12 Elm St', city: 'Springfield', state: 'IL', postalCode: '62701' },
      timeZone: 'America/Chicago',
      language: 'en',
      consent: { sms: { granted: false, at, source: 'front_desk' }, email: { granted: true, at, source: 'front_desk' } },
    },
  };
}

export function visit(id: string, clinicId: string, accountRef: string, chargeCents: number, visitRef = 'V-1') {
  const at = nowIso();
  return {
    id,
    type: 'visit.charged',
    occurredAt: at,
    clinicId,
    data: {
      schemaVersion: 1,
      accountRef,
      visitRef,
      serviceDate: at.slice(0, 10),
      providerRef: 'P-7',
      lines: [{ code: '97110', description: 'Therapeutic exercise', chargeCents }],
    },
  };
}

export function remittance(
  id: string,
  clinicId: string,
  accountRef: string,
  r: { paid: number; contractual: number; deductible: number; coinsurance: number; copay: number },
  visitRef = 'V-1',
) {
  return {
    id,
    type: 'remittance.posted',
    occurredAt: nowIso(),
    clinicId,
    data: {
      schemaVersion: 1,
      accountRef,
      visitRef,
      claimRef: `CLM-${id}`,
      payer: { name: 'Prairie Mutual Health', payerId: 'PMH01' },
      insurancePaidCents: r.paid,
      contractualAdjustmentCents: r.contractual,
      patientResponsibility: { deductibleCents: r.deductible, coinsuranceCents: r.coinsurance, copayCents: r.copay },
      eobSummary: 'Plan allowed part of the charge and paid its share; the rest is deductible, coinsurance and copay.',
    },
  };
}

export function payment(id: string, clinicId: string, accountRef: string, amountCents: number) {
  return {
    id,
    type: 'payment.posted',
    occurredAt: nowIso(),
    clinicId,
    data: { schemaVersion: 1, accountRef, amountCents, method: 'card', receivedVia: 'front_desk', reference: `POS-${id}` },
  };
}
