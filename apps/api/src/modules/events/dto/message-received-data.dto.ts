import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { IsOptionalNonNullable } from '../../../common/validation.decorators';
import { EVENT_MESSAGE_PLATFORMS } from '../event-types';

/** `message.received`: a message from the client on Slack or Gmail. */
export class MessageReceivedDataDto {
  @ApiProperty({ enum: EVENT_MESSAGE_PLATFORMS, example: 'gmail' })
  @IsIn(EVENT_MESSAGE_PLATFORMS)
  platform: (typeof EVENT_MESSAGE_PLATFORMS)[number];

  @ApiProperty({ example: 'ceo@acme.example', maxLength: 320 })
  @IsString()
  @MinLength(1)
  @MaxLength(320)
  from: string;

  @ApiPropertyOptional({ example: 'Question about the March invoice', maxLength: 500 })
  @IsOptionalNonNullable()
  @IsString()
  @MaxLength(500)
  subject?: string;

  @ApiProperty({ example: 'Hi, we are thinking about pausing the campaign…', maxLength: 20000 })
  @IsString()
  @MaxLength(20000)
  body: string;
}
