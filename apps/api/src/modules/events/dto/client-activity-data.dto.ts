import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { IsOptionalNonNullable } from '../../../common/validation.decorators';

/** `client.activity`: any touchpoint with the client (a call, a meeting, a login…). */
export class ClientActivityDataDto {
  @ApiPropertyOptional({ example: 'call', maxLength: 64 })
  @IsOptionalNonNullable()
  @IsString()
  @MaxLength(64)
  kind?: string;

  @ApiPropertyOptional({ example: 'Quarterly review call, happy with results', maxLength: 2000 })
  @IsOptionalNonNullable()
  @IsString()
  @MaxLength(2000)
  note?: string;
}
