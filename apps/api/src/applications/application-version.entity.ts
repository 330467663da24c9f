import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A submitted application, frozen: one row per submission, never updated. */
@Entity({ name: 'application_version' })
export class ApplicationVersion {
  @PrimaryColumn({ name: 'application_id', type: 'uuid' }) applicationId!: string;
  @PrimaryColumn({ name: 'version_no', type: 'int' }) versionNo!: number;
  @Column({ type: 'jsonb' }) snapshot!: Record<string, unknown>;
  @Column({ name: 'submitted_at', type: 'timestamptz' }) submittedAt!: Date;
  @Column({ name: 'submitted_by', type: 'uuid', nullable: true }) submittedBy!: string | null;
}
