import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { Territory } from '@tremplin/contracts';
import { ASSIGNMENT_STATUSES, type AssignmentStatus, type ReviewOpinion, type TieKind } from '@tremplin/domain';
import { centsTransformer } from '../core/database/cents.transformer';

// The statuses and tie kinds are declared once, with the assignment lifecycle, in libs/domain.
export { ASSIGNMENT_STATUSES, TIE_KINDS, type AssignmentStatus, type TieKind } from '@tremplin/domain';

export type ReviewStatus = 'draft' | 'submitted';

/** What a reviewer knows and how much they take. */
@Entity({ name: 'reviewer_profile' })
export class ReviewerProfile {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' }) userId!: string;
  @Column({ name: 'axis_codes', type: 'text', array: true, default: [] }) axisCodes!: string[];
  @Column({ type: 'text', array: true, default: [] }) territories!: Territory[];
  @Column({ type: 'int', default: 40 }) capacity!: number;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
  @Column({ type: 'int', default: 1 }) version!: number;
}

/** A declared tie between a reviewer and an organisation: a conflict of interest on its applications. */
@Entity({ name: 'reviewer_tie' })
export class ReviewerTie {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'reviewer_id', type: 'uuid' }) reviewerId!: string;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId!: string;
  @Column({ type: 'text' }) kind!: TieKind;
  @Column({ type: 'text', default: '' }) comment!: string;
  @Column({ name: 'declared_at', type: 'timestamptz', default: () => 'now()' }) declaredAt!: Date;
}

/** One reviewer on one application, and their review (scores per criterion code, hundredths total). */
@Entity({ name: 'review_assignment' })
export class ReviewAssignment {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'call_id', type: 'uuid' }) callId!: string;
  @Column({ name: 'application_id', type: 'uuid' }) applicationId!: string;
  @Column({ name: 'reviewer_id', type: 'uuid' }) reviewerId!: string;
  @Column({ type: 'enum', enumName: 'review_assignment_status', enum: [...ASSIGNMENT_STATUSES], default: 'assigned' }) status!: AssignmentStatus;
  @Column({ name: 'match_points', type: 'int', default: 0 }) matchPoints!: number;
  @Column({ name: 'due_on', type: 'date' }) dueOn!: string;
  @Column({ name: 'assigned_at', type: 'timestamptz', default: () => 'now()' }) assignedAt!: Date;
  @Column({ name: 'assigned_by', type: 'uuid', nullable: true }) assignedBy!: string | null;
  @Column({ name: 'conflict_kind', type: 'text', nullable: true }) conflictKind!: TieKind | null;
  @Column({ name: 'conflict_comment', type: 'text', nullable: true }) conflictComment!: string | null;
  @Column({ name: 'recused_at', type: 'timestamptz', nullable: true }) recusedAt!: Date | null;
  @Column({ name: 'review_status', type: 'enum', enumName: 'review_status', enum: ['draft', 'submitted'], nullable: true }) reviewStatus!: ReviewStatus | null;
  @Column({ type: 'jsonb', default: {} }) scores!: Record<string, number>;
  @Column({ type: 'jsonb', default: {} }) comments!: Record<string, string>;
  @Column({ name: 'general_comment', type: 'text', default: '' }) generalComment!: string;
  @Column({ type: 'text', nullable: true }) opinion!: ReviewOpinion | null;
  @Column({ name: 'total_hundredths', type: 'int', nullable: true }) totalHundredths!: number | null;
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true }) submittedAt!: Date | null;
  /** How many times the review was changed after its first submission (each with a reason, audited). */
  @Column({ type: 'int', default: 0 }) revision!: number;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
  @Column({ type: 'int', default: 1 }) version!: number;
}

/** The amount a review recommends for one year (never above the request). */
@Entity({ name: 'review_recommendation' })
export class ReviewRecommendation {
  @PrimaryColumn({ name: 'assignment_id', type: 'uuid' }) assignmentId!: string;
  @PrimaryColumn({ type: 'int' }) year!: number;
  @Column({ name: 'amount_cents', type: 'bigint', transformer: centsTransformer }) amountCents!: number;
}

/** Moments of a reviewer's submitted totals in a call (severity normalisation), kept up to date. */
@Entity({ name: 'reviewer_call_stat' })
export class ReviewerCallStat {
  @PrimaryColumn({ name: 'call_id', type: 'uuid' }) callId!: string;
  @PrimaryColumn({ name: 'reviewer_id', type: 'uuid' }) reviewerId!: string;
  @Column({ name: 'review_count', type: 'int', default: 0 }) reviewCount!: number;
  @Column({ name: 'sum_hundredths', type: 'bigint', transformer: centsTransformer, default: 0 }) sumHundredths!: number;
  @Column({ name: 'sum_squares', type: 'bigint', transformer: centsTransformer, default: 0 }) sumSquares!: number;
}
