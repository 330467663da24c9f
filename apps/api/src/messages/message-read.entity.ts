import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Where each reader stopped in an application's thread, for unread counts. */
@Entity({ name: 'message_read' })
export class MessageRead {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' }) userId!: string;
  @PrimaryColumn({ name: 'application_id', type: 'uuid' }) applicationId!: string;
  @Column({ name: 'last_read_at', type: 'timestamptz' }) lastReadAt!: Date;
}
