import { ApiProperty } from '@nestjs/swagger';
import type { CommunicationDraftEntity } from '@automations/persistence';
import { RecordOriginDto } from './record-origin.dto';

/** A communication draft queued for human review; drafts are never sent automatically. */
export class DraftDto extends RecordOriginDto {
  @ApiProperty({ format: 'uuid', example: '3f1c6a0e-8a47-4a53-9c57-5d1f0b7d2e10' }) clientId: string;
  @ApiProperty({ enum: ['email', 'slack'], example: 'email' }) platform: string;
  @ApiProperty({ example: 'friendly' }) tone: string;
  @ApiProperty({ example: 'Hi Acme team, welcome aboard! Could we schedule a kickoff call this week?' }) content: string;
  @ApiProperty({ enum: ['openai', 'template'], example: 'template' }) generator: string;
  @ApiProperty({ enum: ['pending_review', 'approved', 'discarded'], example: 'pending_review' }) status: string;

  static from(draft: CommunicationDraftEntity): DraftDto {
    return {
      ...RecordOriginDto.from(draft),
      clientId: draft.clientId,
      platform: draft.platform,
      tone: draft.tone,
      content: draft.content,
      generator: draft.generator,
      status: draft.status,
    };
  }
}
