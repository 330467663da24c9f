import type { AUDIT_FR, AUDIT_LABELS_FR } from './audit.i18n';

/** English texts of the audit log: same keys as the French (checked by the type), loaded only when chosen. */

export const AUDIT_EN: typeof AUDIT_FR = {
  title: 'Audit log',
  intro: 'Every change is recorded, dated and attributed. Events are chained: any tampering can be detected.',
  integrityTitle: 'Log integrity',
  verify: 'Check integrity',
  verifying: 'Checking…',
  valid: 'Log intact: {{checked}} events checked.',
  invalid: 'Chain broken at event no. {{seq}} ({{checked}} events checked).',
  reason: 'Reason',
  eventsTitle: 'Events',
  filtersLabel: 'Filter events',
  action: 'Action',
  entityType: 'Object type',
  actorEmail: 'Author email',
  from: 'From',
  to: 'To',
  apply: 'Filter',
  reset: 'Clear filters',
  count: 'Events found: {{count}}',
  none: 'No event matches these criteria.',
  details: 'Details',
  toggleDetails: 'Details of event no. {{seq}}',
  seq: 'No.',
  occurredAt: 'Date',
  actor: 'Author',
  system: 'System',
  entity: 'Object',
  diffCaption: 'Changes in event no. {{seq}}',
  field: 'Field',
  before: 'Before',
  after: 'After',
  noDiff: 'No changed data recorded for this event.',
  hash: 'Hash',
  requestId: 'Request',
};

export const AUDIT_LABELS_EN: typeof AUDIT_LABELS_FR = {
  allActions: 'All actions',
  allEntities: 'All objects',
  unnamed: 'unnamed (id {{id}})',
};
