import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { MessageInput, type MessageView, type UnreadCountView } from '@tremplin/contracts';
import { CurrentActor, RequirePermission } from '../core/auth/access.decorators';
import type { Actor } from '../core/auth/actor';
import { UuidParam } from '../core/uuid.pipe';
import { MessagesService } from './messages.service';

@ApiTags('messages')
@ApiBearerAuth()
@Controller('applications/:id/messages')
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @RequirePermission('applications.read')
  @Get()
  list(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<MessageView[]> {
    return this.messages.list(actor, id);
  }

  @RequirePermission('messages.write')
  @Post()
  post(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string, @Body() body: MessageInput): Promise<MessageView> {
    return this.messages.post(actor, id, body);
  }

  @RequirePermission('applications.read')
  @Get('unread-count')
  unreadCount(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<UnreadCountView> {
    return this.messages.unreadCount(actor, id);
  }
}
