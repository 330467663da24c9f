import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Login throttling lives in PostgreSQL so that every API instance sees the same counts. */
@Entity({ name: 'login_attempt' })
export class LoginAttempt {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column({ type: 'text' }) email!: string;
  @Column({ type: 'text' }) ip!: string;
  @Column({ type: 'boolean' }) succeeded!: boolean;
  @Column({ name: 'attempted_at', type: 'timestamptz' }) attemptedAt!: Date;
}
