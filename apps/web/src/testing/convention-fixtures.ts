import type { ConventionView, InstallmentView } from '@tremplin/contracts';

/** A convention as the API shows it: 2016–2018, 25 000 € then 20 000 € then 15 000 €. */
export function conventionView(overrides: Partial<ConventionView> = {}): ConventionView {
  return {
    id: 'cv1',
    number: 'CONV-2016-0007',
    status: 'signed_by_association',
    callId: 'c1',
    callYear: 2016,
    applicationId: 'a1',
    applicationReference: 'AAP2016-MED-00012',
    projectTitle: 'Médiation de nuit',
    organizationId: 'o1',
    organizationName: 'Association Essor',
    axisCode: 'MEDIATION',
    axisLabel: 'Médiation sociale',
    totalCents: 6_000_000,
    paidCents: 0,
    documentVersion: 1,
    sentAt: '2016-04-01T08:00:00.000Z',
    associationSignedAt: '2016-04-03T09:30:00.000Z',
    departmentSignedAt: null,
    updatedAt: '2016-04-03T09:30:00.000Z',
    version: 3,
    parties: {
      grantorName: 'Département du Nord',
      grantorRepresentative: 'Jean Président',
      organizationName: 'Association Essor',
      organizationSiret: '12345678900011',
      organizationRepresentative: 'Claire Martin',
    },
    years: [
      { year: 2016, amountCents: 2_500_000, committedCents: 0, paidCents: 0, reportApprovedAt: null },
      { year: 2017, amountCents: 2_000_000, committedCents: 0, paidCents: 0, reportApprovedAt: null },
      { year: 2018, amountCents: 1_500_000, committedCents: 0, paidCents: 0, reportApprovedAt: null },
    ],
    documentSha256: 'a'.repeat(64),
    signedDocumentSha256: null,
    associationSignature: { signerName: 'Claire Martin', signedAt: '2016-04-03T09:30:00.000Z', method: 'accept' },
    departmentSignature: null,
    activatedAt: null,
    closedAt: null,
    terminatedAt: null,
    terminationReason: null,
    recoveryCents: null,
    amendments: [],
    allowedActions: ['sign_by_department', 'terminate'],
    ...overrides,
  };
}

/** The 2016 advance (60 % of 25 000 €), due, 5 000 € already paid. */
export function installmentView(overrides: Partial<InstallmentView> = {}): InstallmentView {
  return {
    id: 'i1',
    conventionId: 'cv1',
    conventionNumber: 'CONV-2016-0007',
    organizationName: 'Association Essor',
    year: 2016,
    kind: 'advance',
    amountCents: 1_500_000,
    paidCents: 500_000,
    dueOn: '2016-05-01',
    status: 'due',
    reportApproved: false,
    payments: [
      {
        id: 'p1', installmentId: 'i1', amountCents: 500_000, paidOn: '2016-05-02', mandateNumber: 'M-2016-0001',
        accountingReference: 'CPT-6574-01', createdAt: '2016-05-02T10:00:00.000Z', createdByName: 'David Finances',
      },
    ],
    version: 2,
    ...overrides,
  };
}
