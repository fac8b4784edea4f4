import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsObject, IsString, Matches, MaxLength } from 'class-validator';
import { MAX_WORKFLOW_NAME_LENGTH } from '@automations/domain';
import { IsOptionalNonNullable } from '../../../common/validation.decorators';

export class InstantiateTemplateDto {
  @ApiPropertyOptional({
    example: 'Onboarding kickoff',
    description: 'Name of the new automation; defaults to the template definition’s name',
  })
  @IsOptionalNonNullable()
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(MAX_WORKFLOW_NAME_LENGTH)
  name?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { alertsChannel: ['C0123ABCD'], roasThreshold: 2 },
    description:
      'A value per placeholder key (placeholders with a default may be left out); a missing or invalid one is a 400 at `values.<key>`',
  })
  @IsOptionalNonNullable()
  @IsObject()
  values?: Record<string, unknown>;

  @ApiPropertyOptional({ example: false, default: false, description: 'Switch the new automation on right away' })
  @IsOptionalNonNullable()
  @IsBoolean()
  activate?: boolean;
}
