import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { IsOptionalNonNullable } from '../../../common/validation.decorators';

export class SlackDirectoryQuery {
  @ApiPropertyOptional({
    example: 'onb',
    maxLength: 100,
    description: 'Case-insensitive part of a channel name, a person’s name or handle, or an id',
  })
  @IsOptionalNonNullable()
  @IsString()
  @MaxLength(100)
  search?: string;
}

export class SlackChannelDto {
  @ApiProperty({ example: 'C0123ABCD', description: 'The id to store in send_notification recipients' }) id: string;
  @ApiProperty({ example: 'onboarding', description: 'Channel name without the #' }) name: string;
  @ApiProperty({ example: false }) isPrivate: boolean;
}

export class SlackUserDto {
  @ApiProperty({
    example: 'U0123ABCD',
    description: 'The id to store in send_notification recipients (a direct message)',
  })
  id: string;
  @ApiProperty({ example: 'Dana Smith' }) name: string;
  @ApiProperty({ example: 'dana' }) handle: string;
}

export class SlackDirectoryDto {
  @ApiProperty({
    description: 'Whether the agency has a Slack bot token (Settings → Integrations); false: the lists are empty',
  })
  connected: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    example: null,
    description: 'Why the workspace could not be listed (e.g. the token was rejected); null when it was',
  })
  problem: string | null;
  @ApiProperty({
    type: [SlackChannelDto],
    description: 'Channels (not archived) matching the search, by name; at most 100',
  })
  channels: SlackChannelDto[];
  @ApiProperty({
    type: [SlackUserDto],
    description: 'People (not deleted, not bots) matching the search, by name; at most 100',
  })
  users: SlackUserDto[];
  @ApiProperty({
    description: 'More matched than listed, or the workspace is larger than what is read: refine the search',
  })
  truncated: boolean;
}
