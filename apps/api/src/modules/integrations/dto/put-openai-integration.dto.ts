import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsUrl, Matches, MaxLength, MinLength } from 'class-validator';
import { IsOptionalNonNullable } from '../../../common/validation.decorators';

export class PutOpenAiIntegrationDto {
  @ApiPropertyOptional({
    example: 'sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789',
    writeOnly: true,
    description: 'API key (secret, write-only). Required the first time; omit it to keep the stored one.',
  })
  @IsOptionalNonNullable()
  @IsString()
  @MinLength(8)
  @MaxLength(500)
  @Matches(/^\S+$/, { message: 'must not contain whitespace' })
  apiKey?: string;

  @ApiPropertyOptional({ example: 'gpt-4o-mini' })
  @IsOptionalNonNullable()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  model?: string;

  @ApiPropertyOptional({
    example: 'https://api.openai.com/v1',
    description: 'An OpenAI-compatible endpoint (http or https)',
  })
  @IsOptionalNonNullable()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'must be an http:// or https:// URL' },
  )
  @MaxLength(2000)
  baseUrl?: string;
}
