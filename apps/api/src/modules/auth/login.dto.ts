import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { IsOptionalNonNullable } from '../../common/validation.decorators';

export class LoginDto {
  @ApiProperty({ example: 'admin@demo.agency' })
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiProperty({ example: 'a long passphrase' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'Only needed when one email has accounts in several agencies with the same password: the agency to sign in to (otherwise the password picks the account)',
  })
  @IsOptionalNonNullable()
  @IsUUID()
  agencyId?: string;
}

export class LoginResponseDto {
  @ApiProperty({ example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...' }) accessToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: string;
  @ApiProperty({ example: 43200, description: 'Seconds until the token expires' }) expiresIn: number;
}

export class MeDto {
  @ApiProperty({ format: 'uuid' }) agencyId: string;
  @ApiProperty({ enum: ['viewer', 'manager', 'admin'] }) role: string;
  @ApiProperty({ enum: ['user', 'api_key'] }) actorType: string;
  @ApiProperty({ format: 'uuid' }) actorId: string;
}
