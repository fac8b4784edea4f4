import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';
import { PageMetaDto } from '../../common/page.dto';

const ROLES = ['viewer', 'manager', 'admin'] as const;

export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'CRM integration' }) name: string;
  @ApiProperty({ enum: ROLES }) role: string;
  @ApiProperty({ example: 'ak_3f9c2a1b7d6e5f40', description: 'Public part of the key, to recognise it' })
  prefix: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastUsedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({
    example: 'ak_3f9c2a1b7d6e5f40_Xq...',
    description: 'Shown once: store it now, it cannot be read again',
  })
  key: string;
}

export class ApiKeyPageDto extends PageMetaDto {
  @ApiProperty({ type: [ApiKeyDto] }) items: ApiKeyDto[];
}

export class CreateApiKeyDto {
  @ApiProperty({ example: 'CRM integration' }) @IsString() @MinLength(1) @MaxLength(100) name: string;
  @ApiProperty({ enum: ROLES, example: 'manager' }) @IsIn(ROLES) role: (typeof ROLES)[number];
}
