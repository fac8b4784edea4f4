import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** 202 answer of `POST /events`: the ids in the order of the request (a repeated idempotency key gives the first event's id). */
export class EventsAcceptedDto {
  @ApiProperty({ type: [String], format: 'uuid', example: ['0b7a1d2e-3c4f-4a5b-8c6d-7e8f9a0b1c2d'] })
  ids: string[];

  @ApiPropertyOptional({
    format: 'uuid',
    example: '0b7a1d2e-3c4f-4a5b-8c6d-7e8f9a0b1c2d',
    description: 'Only for a single event',
  })
  id?: string;
}
