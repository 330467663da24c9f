import type { DataSourceOptions } from 'typeorm';
import { User } from '../../users/user.entity';
import { Organization } from '../../organizations/organization.entity';
import { RefreshToken } from '../auth/refresh-token.entity';
import { AuditEvent } from '../audit/audit-event.entity';
import { Call } from '../../calls/call.entity';
import { CallAxis } from '../../calls/call-axis.entity';
import { CallAllocation } from '../../calls/call-allocation.entity';
import { ScoringCriterion } from '../../calls/scoring-criterion.entity';
import { BudgetRevision } from '../../calls/budget-revision.entity';
import { Foundation1764160000000 } from './migrations/1764160000000-foundation';
import { ApplicantJourney1764170000000 } from './migrations/1764170000000-applicant-journey';
import { AccentInsensitiveSearch1764180000000 } from './migrations/1764180000000-accent-insensitive-search';
import { StaffListIndexes1764190000000 } from './migrations/1764190000000-staff-list-indexes';
import { MailKindCheck1764191000000 } from './migrations/1764191000000-mail-kind-check';
import { GrantorAndCallTexts1764192000000 } from './migrations/1764192000000-grantor-and-call-texts';
import { AuthThrottlePasswordReset1764195000000 } from './migrations/1764195000000-auth-throttle-password-reset';
import { ReviewLifecycle1764260000000 } from './migrations/1764260000000-review-lifecycle';
import { Admissibility1764270000000 } from './migrations/1764270000000-admissibility';
import { ReviewAndCommittee1764280000000 } from './migrations/1764280000000-review-and-committee';
import { AssignmentLists1764290000000 } from './migrations/1764290000000-assignment-lists';
import { ConventionsAndPayments1764300000000 } from './migrations/1764300000000-conventions-and-payments';
import { CellConventionCount1764320000000 } from './migrations/1764320000000-cell-convention-count';
import { ConventionDocumentsOnDemand1764340000000 } from './migrations/1764340000000-convention-documents-on-demand';
import { CellConventionListing1764360000000 } from './migrations/1764360000000-cell-convention-listing';
import { Grantor } from '../../grantor/grantor.entity';
import { UserToken } from '../../users/user-token.entity';
import { Invitation } from '../../organizations/invitation.entity';
import { Application } from '../../applications/application.entity';
import { ApplicationVersion } from '../../applications/application-version.entity';
import { InformationRequest } from '../../applications/information-request.entity';
import { ApplicationDocument } from '../../documents/application-document.entity';
import { ApplicationMessage } from '../../messages/application-message.entity';
import { MessageRead } from '../../messages/message-read.entity';
import { OutboxMail } from '../../notifications/outbox-mail.entity';
import { ApplicationRequest } from '../../applications/application-request.entity';
import { ReviewAssignment, ReviewRecommendation, ReviewerCallStat, ReviewerProfile, ReviewerTie } from '../../reviews/review.entities';
import { CommitteeDecision, CommitteeSession, DecisionGrant } from '../../committee/committee.entities';
import { Convention, ConventionAmendment, ConventionCounter, ConventionYear, Installment, Payment } from '../../conventions/convention.entities';

export const ENTITIES = [
  User, Organization, RefreshToken, AuditEvent, Call, CallAxis, CallAllocation, ScoringCriterion, BudgetRevision,
  UserToken, Invitation, Application, ApplicationVersion, InformationRequest, ApplicationDocument, ApplicationMessage, MessageRead, OutboxMail,
  Grantor, ApplicationRequest, ReviewerProfile, ReviewerTie, ReviewAssignment, ReviewRecommendation, ReviewerCallStat,
  CommitteeSession, CommitteeDecision, DecisionGrant,
  ConventionCounter, Convention, ConventionYear, ConventionAmendment, Installment, Payment,
];
/** Listed explicitly (not globbed) so the webpack bundle carries them. */
export const MIGRATIONS = [
  Foundation1764160000000, ApplicantJourney1764170000000, AccentInsensitiveSearch1764180000000, StaffListIndexes1764190000000,
  MailKindCheck1764191000000, GrantorAndCallTexts1764192000000, AuthThrottlePasswordReset1764195000000, ReviewLifecycle1764260000000,
  Admissibility1764270000000, ReviewAndCommittee1764280000000, AssignmentLists1764290000000,
  ConventionsAndPayments1764300000000, CellConventionCount1764320000000, ConventionDocumentsOnDemand1764340000000, CellConventionListing1764360000000,
];

export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    extra: { max: poolSize, application_name: 'tremplin-api' },
  };
}
