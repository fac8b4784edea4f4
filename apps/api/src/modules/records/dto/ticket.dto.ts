import { ApiProperty } from '@nestjs/swagger';
import type { TicketEntity } from '@automations/persistence';
import { RecordOriginDto } from './record-origin.dto';

export class TicketDto extends RecordOriginDto {
  @ApiProperty({ format: 'uuid', example: '3f1c6a0e-8a47-4a53-9c57-5d1f0b7d2e10' }) clientId: string;
  @ApiProperty({ example: 'Billing question from Acme Outdoor' }) title: string;
  @ApiProperty({ nullable: true, type: String, example: 'Client asks about the March invoice' }) description:
    string | null;
  @ApiProperty({ enum: ['low', 'medium', 'high', 'urgent'], example: 'medium' }) priority: string;
  @ApiProperty({ example: 'billing' }) category: string;
  @ApiProperty({ enum: ['open', 'closed'], example: 'open' }) status: string;

  static from(ticket: TicketEntity): TicketDto {
    return {
      ...RecordOriginDto.from(ticket),
      clientId: ticket.clientId,
      title: ticket.title,
      description: ticket.description,
      priority: ticket.priority,
      category: ticket.category,
      status: ticket.status,
    };
  }
}
