import type { ApplicationView, DocumentView } from '@tremplin/contracts';
import { emptyBudgetYear } from '@tremplin/domain';

export function documentView(overrides: Partial<DocumentView> = {}): DocumentView {
  return {
    id: 'd0000000-0000-4000-8000-000000000001',
    kind: 'statutes',
    fileName: 'statuts.pdf',
    mimeType: 'application/pdf',
    sizeBytes: 245_760,
    sha256: 'ab'.repeat(32),
    uploadedAt: '2026-11-20T10:00:00.000Z',
    ...overrides,
  };
}

/** A draft on a three-year call, as GET /api/applications/:id answers. */
export function applicationView(overrides: Partial<ApplicationView> = {}): ApplicationView {
  return {
    id: 'a0000000-0000-4000-8000-000000000001',
    reference: null,
    callId: 'c0000000-0000-4000-8000-000000000001',
    callCode: 'AAP-NORD-2026',
    axisCode: 'MEDIATION',
    organizationId: 'org-1',
    organizationName: 'Association Essor',
    territories: [],
    title: 'Ateliers mobilité',
    status: 'draft',
    requestedCents: 0,
    submittedAt: null,
    updatedAt: '2026-11-20T10:00:00.000Z',
    unreadMessages: 0,
    summary: '',
    project: {
      objectives: '',
      activities: '',
      rsaBeneficiariesPerYear: [],
      otherPublics: '',
      territories: [],
      startDate: null,
      partners: [],
      indicators: [],
    },
    budget: [],
    declaration: null,
    documents: [],
    version: 3,
    submittedVersion: 0,
    allowedActions: ['edit', 'submit', 'withdraw'],
    missing: [{ field: 'summary', code: 'REQUIRED' }],
    callClosesAt: '2026-12-15T16:00:00.000Z',
    callTitle: 'Appel à projets insertion 2026',
    callYears: [2026, 2027, 2028],
    openInformationRequest: null,
    admissibility: null,
    ...overrides,
  };
}

export { emptyBudgetYear };
