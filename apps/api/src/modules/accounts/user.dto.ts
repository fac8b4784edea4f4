import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PageMetaDto } from '../../common/page.dto';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../auth/password-policy';

const ROLES = ['viewer', 'manager', 'admin'] as const;

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'mia@demo.agency' }) email: string;
  @ApiProperty({ example: 'Mia Manager' }) name: string;
  @ApiProperty({ enum: ROLES, example: 'manager' }) role: string;
  @ApiProperty({ example: true }) active: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class UserPageDto extends PageMetaDto {
  @ApiProperty({ type: [UserDto] }) items: UserDto[];
}

export class CreateUserDto {
  @ApiProperty({ example: 'mia@demo.agency' }) @IsEmail() @MaxLength(320) email: string;
  @ApiProperty({ example: 'Mia Manager' }) @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiProperty({ enum: ROLES, example: 'manager' }) @IsIn(ROLES) role: (typeof ROLES)[number];
  @ApiProperty({
    example: 'a long passphrase',
    minLength: MIN_PASSWORD_LENGTH,
    description: 'At least 12 characters, without the email address',
  })
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxLength(MAX_PASSWORD_LENGTH)
  password: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ example: 'Mia M.' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(200) name?: string;
  @ApiPropertyOptional({ enum: ROLES }) @IsOptional() @IsIn(ROLES) role?: (typeof ROLES)[number];
  @ApiPropertyOptional({ example: false }) @IsOptional() @IsBoolean() active?: boolean;
  @ApiPropertyOptional({
    minLength: MIN_PASSWORD_LENGTH,
    description: 'At least 12 characters, without the email address; signs the user out everywhere',
  })
  @IsOptional()
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxLength(MAX_PASSWORD_LENGTH)
  password?: string;
}
