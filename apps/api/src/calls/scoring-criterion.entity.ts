import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Call } from './call.entity';

@Entity({ name: 'scoring_criterion' })
export class ScoringCriterion {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'call_id', type: 'uuid' }) callId!: string;
  @ManyToOne(() => Call, (call) => call.criteria, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'call_id' }) call?: Call;
  @Column({ type: 'text' }) code!: string;
  @Column({ name: 'label_fr', type: 'text' }) labelFr!: string;
  @Column({ name: 'label_en', type: 'text' }) labelEn!: string;
  @Column({ type: 'text' }) description!: string;
  @Column({ type: 'int' }) weight!: number;
  @Column({ name: 'max_score', type: 'int' }) maxScore!: number;
  @Column({ type: 'int' }) position!: number;
}
