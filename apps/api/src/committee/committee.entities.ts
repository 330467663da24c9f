import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { DecisionOutcome, RejectionReason } from '@tremplin/domain';
import { centsTransformer } from '../core/database/cents.transformer';

// The outcome and rejection-reason lists live in libs/domain (committee-decision.ts), shared with the web.
export { DECISION_OUTCOMES, REJECTION_REASONS, type DecisionOutcome, type RejectionReason } from '@tremplin/domain';

/** A committee sitting on one axis of a call; opening it locks that axis's scores. */
@Entity({ name: 'committee_session' })
export class CommitteeSession {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'call_id', type: 'uuid' }) callId!: string;
  @Column({ name: 'axis_id', type: 'uuid' }) axisId!: string;
  @Column({ name: 'sits_on', type: 'date' }) sitsOn!: string;
  @Column({ name: 'deliberation_reference', type: 'text' }) deliberationReference!: string;
  @Column({ type: 'enum', enumName: 'committee_session_status', enum: ['open', 'published'], default: 'open' }) status!: 'open' | 'published';
  @Column({ name: 'opened_at', type: 'timestamptz', default: () => 'now()' }) openedAt!: Date;
  @Column({ name: 'opened_by', type: 'uuid' }) openedBy!: string;
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true }) publishedAt!: Date | null;
  @Column({ name: 'published_by', type: 'uuid', nullable: true }) publishedBy!: string | null;
  @Column({ type: 'int', default: 1 }) version!: number;
}

/** The committee's decision on one application: a simulation until its session is published. */
@Entity({ name: 'committee_decision' })
export class CommitteeDecision {
  @PrimaryColumn({ name: 'application_id', type: 'uuid' }) applicationId!: string;
  @Column({ name: 'session_id', type: 'uuid' }) sessionId!: string;
  @Column({ type: 'text' }) outcome!: DecisionOutcome;
  @Column({ name: 'waitlist_rank', type: 'int', nullable: true }) waitlistRank!: number | null;
  @Column({ name: 'rejection_reason', type: 'text', nullable: true }) rejectionReason!: RejectionReason | null;
  @Column({ type: 'text', default: '' }) comment!: string;
  @Column({ name: 'rank_at_decision', type: 'int', nullable: true }) rankAtDecision!: number | null;
  @Column({ name: 'below_line', type: 'boolean', default: false }) belowLine!: boolean;
  /** Required when retaining below the cut line or rejecting above it; such decisions are flagged. */
  @Column({ name: 'line_exception_reason', type: 'text', nullable: true }) lineExceptionReason!: string | null;
  @Column({ type: 'boolean', default: false }) flagged!: boolean;
  @Column({ name: 'decided_by', type: 'uuid' }) decidedBy!: string;
  @Column({ name: 'decided_at', type: 'timestamptz', default: () => 'now()' }) decidedAt!: Date;
  @Column({ name: 'published_at', type: 'timestamptz', nullable: true }) publishedAt!: Date | null;
  @Column({ type: 'int', default: 1 }) version!: number;
}

/** The amount granted for one year by a retained decision (never above the request). */
@Entity({ name: 'decision_grant' })
export class DecisionGrant {
  @PrimaryColumn({ name: 'application_id', type: 'uuid' }) applicationId!: string;
  @PrimaryColumn({ type: 'int' }) year!: number;
  @Column({ name: 'amount_cents', type: 'bigint', transformer: centsTransformer }) amountCents!: number;
}
