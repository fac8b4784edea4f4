import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

/** Longer than any code this product makes: a longer one is refused before any lookup. */
export const MAX_SHARE_CODE_LENGTH = 200;

export class ImportTemplateDto {
  @ApiProperty({ example: 'tpl_0vQm7m3sFZ0n2b4G8xYc1dJkL9pQrStUvWxYz01234A', maxLength: MAX_SHARE_CODE_LENGTH })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_SHARE_CODE_LENGTH)
  shareCode: string;
}
