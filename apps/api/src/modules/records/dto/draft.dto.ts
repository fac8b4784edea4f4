import { ApiProperty } from '@nestjs/swagger';
import type { CommunicationDraftEntity } from '@automations/persistence';
import { RecordOriginDto } from './record-origin.dto';

/** A communication draft queued for human review; drafts are never sent automatically. */
export class DraftDto extends RecordOriginDto {
  @ApiProperty({ format: 'uuid', example: '3f1c6a0e-8a47-4a53-9c57-5d1f0b7d2e10' }) clientId: string;
  @ApiProperty({ enum: ['email', 'slack'], example: 'email' }) platform: string;
  @ApiProperty({ example: 'friendly' }) tone: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Welcome aboard, Acme!',
    description: 'Email drafts: the subject line; null for Slack (and for drafts written before subjects existed)',
  })
  subject: string | null;
  @ApiProperty({
    example: 'Hi Acme team, welcome aboard! Could we schedule a kickoff call this week?',
    description: 'The body (as edited by the reviewer, when edited)',
  })
  content: string;
  @ApiProperty({ enum: ['openai', 'template'], example: 'template' }) generator: string;
  @ApiProperty({
    enum: ['pending_review', 'pending_approval', 'approved', 'rejected', 'expired', 'discarded'],
    example: 'pending_review',
    description:
      "`pending_review`: written by a step without approval; `pending_approval`: waiting for its step's approval, which decides it (`approved`, `rejected` — also when its run is cancelled — or `expired`)",
  })
  status: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: null,
    description: 'When the reviewer edited it while approving (the original text is kept on the approval)',
  })
  editedAt: string | null;

  static from(draft: CommunicationDraftEntity): DraftDto {
    return {
      ...RecordOriginDto.from(draft),
      clientId: draft.clientId,
      platform: draft.platform,
      tone: draft.tone,
      subject: draft.subject ?? null,
      content: draft.content,
      generator: draft.generator,
      status: draft.status,
      editedAt: draft.editedAt?.toISOString() ?? null,
    };
  }
}
