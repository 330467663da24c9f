import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '@tremplin/contracts';
import { Organization } from '../organizations/organization.entity';

@Entity({ name: 'app_user' })
@Index('uq_app_user_email', { synchronize: false })
export class User {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'text' }) email!: string;
  @Column({ name: 'full_name', type: 'text' }) fullName!: string;
  @Column({ name: 'password_hash', type: 'text' }) passwordHash!: string;
  @Column({ type: 'enum', enum: ['association', 'reviewer', 'finance', 'admin'], enumName: 'user_role' }) role!: Role;
  @Column({ name: 'organization_id', type: 'uuid', nullable: true }) organizationId!: string | null;
  @ManyToOne(() => Organization, { nullable: true }) @JoinColumn({ name: 'organization_id' }) organization?: Organization | null;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  /** An association member who may edit the organisation and invite others. */
  @Column({ name: 'organization_admin', type: 'boolean', default: false }) organizationAdmin!: boolean;
  @Column({ name: 'email_verified_at', type: 'timestamptz', nullable: true }) emailVerifiedAt!: Date | null;
  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true }) lastLoginAt!: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}
