import type { DocumentView, MessageView } from '@tremplin/contracts';
import type { User } from '../users/user.entity';
import type { ApplicationMessage } from './application-message.entity';

export function toMessageView(message: ApplicationMessage, author: Pick<User, 'fullName' | 'role'> | undefined, documents: DocumentView[], viewerId: string): MessageView {
  return {
    id: message.id,
    authorName: author?.fullName ?? '',
    authorRole: author?.role ?? '',
    body: message.body,
    createdAt: message.createdAt.toISOString(),
    documents,
    mine: message.authorId === viewerId,
  };
}
