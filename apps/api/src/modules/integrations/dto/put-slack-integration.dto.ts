import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { SLACK_ID_PATTERN } from '@automations/domain';
import { IsOptionalNonNullable } from '../../../common/validation.decorators';

export class PutSlackIntegrationDto {
  @ApiPropertyOptional({
    example: 'xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx',
    writeOnly: true,
    description: 'Bot token (secret, write-only). Required the first time; omit it to keep the stored one.',
  })
  @IsOptionalNonNullable()
  @IsString()
  @MaxLength(500)
  @Matches(/^xoxb-[A-Za-z0-9-]{8,}$/, { message: 'must be a Slack bot token (xoxb-...)' })
  botToken?: string;

  @ApiPropertyOptional({ example: 'C0123ABCD', description: 'Channel id used when a notification names no channel' })
  @IsOptionalNonNullable()
  @IsString()
  @Matches(new RegExp(SLACK_ID_PATTERN), { message: 'must be a Slack channel or user id (e.g. C0123ABCD)' })
  defaultChannel?: string;
}
