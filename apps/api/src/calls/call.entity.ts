import { Column, CreateDateColumn, Entity, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { centsTransformer } from '../core/database/cents.transformer';
import { CallAxis } from './call-axis.entity';
import { CallAllocation } from './call-allocation.entity';
import { ScoringCriterion } from './scoring-criterion.entity';

@Entity({ name: 'call' })
export class Call {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) code!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) description!: string;
  @Column({ name: 'title_en', type: 'text', default: '' }) titleEn!: string;
  @Column({ name: 'description_en', type: 'text', default: '' }) descriptionEn!: string;
  @Column({ name: 'opens_at', type: 'timestamptz' }) opensAt!: Date;
  @Column({ name: 'closes_at', type: 'timestamptz' }) closesAt!: Date;
  @Column({ type: 'int', array: true }) years!: number[];
  @Column({ name: 'envelope_cents', type: 'bigint', transformer: centsTransformer }) envelopeCents!: number;
  @Column({ name: 'advance_basis_points', type: 'int' }) advanceBasisPoints!: number;
  @Column({ name: 'reviewers_per_application', type: 'int' }) reviewersPerApplication!: number;
  /** Set when the first application is submitted: axes, years and grid are frozen from then on. */
  @Column({ name: 'structure_locked_at', type: 'timestamptz', nullable: true }) structureLockedAt!: Date | null;
  @OneToMany(() => CallAxis, (axis) => axis.call) axes?: CallAxis[];
  @OneToMany(() => CallAllocation, (allocation) => allocation.call) allocations?: CallAllocation[];
  @OneToMany(() => ScoringCriterion, (criterion) => criterion.call) criteria?: ScoringCriterion[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @VersionColumn() version!: number;
}
