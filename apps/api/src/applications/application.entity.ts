import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { BudgetYearView, DeclarationInput, ProjectView, Territory } from '@tremplin/contracts';
import { APPLICATION_STATUSES, type ApplicationStatus, type InadmissibilityReason } from '@tremplin/domain';
import { centsTransformer } from '../core/database/cents.transformer';
import { Call } from '../calls/call.entity';
import { CallAxis } from '../calls/call-axis.entity';
import { Organization } from '../organizations/organization.entity';

@Entity({ name: 'application' })
export class Application {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'call_id', type: 'uuid' }) callId!: string;
  @ManyToOne(() => Call) @JoinColumn({ name: 'call_id' }) call?: Call;
  @Column({ name: 'axis_id', type: 'uuid' }) axisId!: string;
  @ManyToOne(() => CallAxis) @JoinColumn({ name: 'axis_id' }) axis?: CallAxis;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId!: string;
  @ManyToOne(() => Organization) @JoinColumn({ name: 'organization_id' }) organization?: Organization;
  @Column({ type: 'enum', enumName: 'application_status', enum: [...APPLICATION_STATUSES] })
  status!: ApplicationStatus;
  @Column({ type: 'text', nullable: true }) reference!: string | null;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text', default: '' }) summary!: string;
  @Column({ type: 'jsonb', default: {} }) project!: Partial<ProjectView>;
  @Column({ type: 'jsonb', default: [] }) budget!: BudgetYearView[];
  @Column({ type: 'jsonb', nullable: true }) declaration!: DeclarationInput | null;
  @Column({ type: 'text', array: true, default: [] }) territories!: Territory[];
  @Column({ name: 'requested_cents', type: 'bigint', transformer: centsTransformer, default: 0 }) requestedCents!: number;
  @Column({ type: 'int', default: 1 }) version!: number;
  @Column({ name: 'submitted_version', type: 'int', default: 0 }) submittedVersion!: number;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy!: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true }) submittedAt!: Date | null;
  @Column({ name: 'withdrawn_at', type: 'timestamptz', nullable: true }) withdrawnAt!: Date | null;
  @Column({ name: 'admissibility_decided_by', type: 'uuid', nullable: true }) admissibilityDecidedBy!: string | null;
  @Column({ name: 'admissibility_decided_at', type: 'timestamptz', nullable: true }) admissibilityDecidedAt!: Date | null;
  @Column({ type: 'boolean', nullable: true }) admissible!: boolean | null;
  @Column({ name: 'inadmissibility_reason', type: 'text', nullable: true }) inadmissibilityReason!: InadmissibilityReason | null;
  @Column({ name: 'admissibility_comment', type: 'text', nullable: true }) admissibilityComment!: string | null;
  @Column({ name: 'search_text', type: 'text', insert: false, update: false, select: false }) searchText?: string;
}
