import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsString, IsUrl, Matches, MaxLength } from 'class-validator';
import { IsOptionalNonNullable } from '../../../common/validation.decorators';

export class PutEmailIntegrationDto {
  @ApiProperty({ example: 'automations@demo.agency' })
  @IsEmail()
  @MaxLength(320)
  fromAddress: string;

  @ApiPropertyOptional({ example: 'Demo Agency' })
  @IsOptionalNonNullable()
  @IsString()
  @MaxLength(200)
  @Matches(/^[^\r\n]*$/, { message: 'must be a single line' })
  fromName?: string;

  @ApiPropertyOptional({
    example: 'smtps://mailer:app-password@smtp.example.com:465',
    writeOnly: true,
    description:
      'SMTP server URL with credentials (secret, write-only); omit it to keep the stored one. Without one, the server’s SMTP_URL is used.',
  })
  @IsOptionalNonNullable()
  @IsUrl(
    { protocols: ['smtp', 'smtps'], require_protocol: true, require_tld: false },
    { message: 'must be an smtp:// or smtps:// URL' },
  )
  @MaxLength(2000)
  smtpUrl?: string;

  @ApiPropertyOptional({ example: 'team@demo.agency' })
  @IsOptionalNonNullable()
  @IsEmail()
  @MaxLength(320)
  replyTo?: string;
}
