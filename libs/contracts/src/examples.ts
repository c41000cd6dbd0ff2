import type { EventOf, EventType } from './events';

/*
 * One realistic event per type for the published docs and the seed. Every person, address and reference is
 * invented: phone numbers are in the 555-01xx range reserved for fiction, emails use example.com, and the
 * street names are made up. The typed map means a schema change that breaks an example fails to compile.
 */
export const EVENT_EXAMPLES: { readonly [T in EventType]: EventOf<T> } = {
  'guarantor.upserted': {
    id: 'evt_2026_03_0001',
    type: 'guarantor.upserted',
    occurredAt: '2026-03-02T09:14:05-06:00',
    clinicId: 'lakeside-pt-04',
    data: {
      schemaVersion: 1,
      accountRef: 'ACC-100482',
      name: { first: 'Marisol', middle: 'T.', last: 'Quintanilla-Reyes' },
      dateOfBirth: '1984-07-19',
      phone: '+13125550142',
      email: 'marisol.qr@example.com',
      address: {
        line1: '4817 Juniper Hollow Rd',
        line2: 'Apt 3B',
        city: 'Evanston',
        state: 'IL',
        postalCode: '60201',
      },
      timeZone: 'America/Chicago',
      language: 'es',
      consent: {
        sms: { granted: true, at: '2026-03-02T09:10:00-06:00', source: 'intake_form' },
        email: { granted: true, at: '2026-03-02T09:10:00-06:00', source: 'intake_form' },
      },
      familyAccountRefs: ['ACC-100483'],
    },
  },
  'visit.charged': {
    id: 'evt_2026_03_0002',
    type: 'visit.charged',
    occurredAt: '2026-03-02T17:40:00-06:00',
    clinicId: 'lakeside-pt-04',
    data: {
      schemaVersion: 1,
      accountRef: 'ACC-100482',
      visitRef: 'V-20260302-0917',
      serviceDate: '2026-03-02',
      providerRef: 'PRV-0031',
      lines: [
        { code: '97110', modifiers: ['GP'], description: 'Therapeutic exercise, 15 min', chargeCents: 9500 },
        { code: '97140', modifiers: ['GP'], description: 'Manual therapy, 15 min', chargeCents: 8800 },
      ],
    },
  },
  'remittance.posted': {
    id: 'evt_2026_03_0003',
    type: 'remittance.posted',
    occurredAt: '2026-03-16T11:02:31-05:00',
    clinicId: 'lakeside-pt-04',
    data: {
      schemaVersion: 1,
      accountRef: 'ACC-100482',
      visitRef: 'V-20260302-0917',
      claimRef: 'CLM-77120931',
      payer: { name: 'Prairie Mutual Health', payerId: 'PMH01' },
      insurancePaidCents: 9160,
      contractualAdjustmentCents: 4560,
      patientResponsibility: { deductibleCents: 2000, coinsuranceCents: 1580, copayCents: 1000 },
      eobSummary:
        'Billed $183.00. Your plan allows $137.40 and paid $91.60. You owe $45.80: $20.00 toward your deductible, ' +
        '$15.80 coinsurance and a $10.00 copay.',
    },
  },
  'payment.posted': {
    id: 'evt_2026_03_0004',
    type: 'payment.posted',
    occurredAt: '2026-03-18T10:25:12-05:00',
    clinicId: 'lakeside-pt-04',
    data: {
      schemaVersion: 1,
      accountRef: 'ACC-100482',
      amountCents: 1000,
      method: 'card',
      receivedVia: 'front_desk',
      reference: 'POS-55817',
      visitRef: 'V-20260302-0917',
    },
  },
  'adjustment.posted': {
    id: 'evt_2026_03_0005',
    type: 'adjustment.posted',
    occurredAt: '2026-03-19T15:00:00-05:00',
    clinicId: 'lakeside-pt-04',
    data: {
      schemaVersion: 1,
      accountRef: 'ACC-100482',
      kind: 'courtesy_discount',
      amountCents: 500,
      reason: 'Prompt-pay courtesy discount approved by the office manager.',
      visitRef: 'V-20260302-0917',
    },
  },
  'contact.updated': {
    id: 'evt_2026_03_0006',
    type: 'contact.updated',
    occurredAt: '2026-03-20T08:47:44-07:00',
    clinicId: 'mesa-family-med-02',
    data: {
      schemaVersion: 1,
      accountRef: 'ACC-220017',
      phone: '+16025550187',
      address: { line1: '902 Saguaro Bend Dr', city: 'Tempe', state: 'AZ', postalCode: '85281-1204' },
      timeZone: 'America/Phoenix',
      preferredChannel: 'sms',
      consent: { sms: { granted: true, at: '2026-03-20T08:45:00-07:00', source: 'front_desk' } },
    },
  },
  'mail.returned': {
    id: 'evt_2026_03_0007',
    type: 'mail.returned',
    occurredAt: '2026-03-21T13:30:00-04:00',
    clinicId: 'harbor-counseling-01',
    data: {
      schemaVersion: 1,
      accountRef: 'ACC-310556',
      reason: 'moved_no_forwarding',
      mailPieceRef: 'STMT-2026-03-000812',
      address: { line1: '77 Cormorant Way', city: 'Portland', state: 'ME', postalCode: '04101' },
    },
  },
  'insurance.rebilled': {
    id: 'evt_2026_03_0008',
    type: 'insurance.rebilled',
    occurredAt: '2026-03-22T09:05:00-04:00',
    clinicId: 'harbor-counseling-01',
    data: {
      schemaVersion: 1,
      accountRef: 'ACC-310556',
      visitRef: 'V-20260210-0443',
      payer: { name: 'Coastal Secondary Benefit Plan', payerId: 'CSB22' },
      reason: 'secondary_insurance',
      claimRef: 'CLM-88004127',
      expectedDecisionBy: '2026-04-21',
    },
  },
  'dispute.opened': {
    id: 'evt_2026_03_0009',
    type: 'dispute.opened',
    occurredAt: '2026-03-23T14:12:09-07:00',
    clinicId: 'mesa-family-med-02',
    data: {
      schemaVersion: 1,
      accountRef: 'ACC-220017',
      disputeRef: 'DSP-4471',
      visitRef: 'V-20260128-0208',
      reason: 'insurance_not_billed',
      channel: 'phone',
      disputedCents: 12500,
      description:
        'Guarantor says a new insurance card was given at check-in and the visit was never billed to it.',
    },
  },
  'dispute.resolved': {
    id: 'evt_2026_03_0010',
    type: 'dispute.resolved',
    occurredAt: '2026-03-25T10:40:00-07:00',
    clinicId: 'mesa-family-med-02',
    data: {
      schemaVersion: 1,
      accountRef: 'ACC-220017',
      disputeRef: 'DSP-4471',
      outcome: 'upheld',
      cause: 'clinic_error',
      resolution:
        'New coverage was on file but not billed. Claim sent to the new plan; guarantor told by phone.',
    },
  },
  'complaint.logged': {
    id: 'evt_2026_03_0011',
    type: 'complaint.logged',
    occurredAt: '2026-03-26T16:55:20-05:00',
    clinicId: 'lakeside-pt-04',
    data: {
      schemaVersion: 1,
      accountRef: 'ACC-100482',
      complaintRef: 'CMP-0093',
      channel: 'phone',
      category: 'contact_frequency',
      severity: 'medium',
      description: 'Guarantor felt two reminders in one week was too many and asked for email only.',
    },
  },
};
