import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsObject, IsString, Matches, MaxLength } from 'class-validator';
import { MAX_WORKFLOW_NAME_LENGTH } from '@automations/domain';
import { IsOptionalNonNullable } from '../../../common/validation.decorators';
import { PortableWorkflowDocumentDto } from './portable-workflow-document.dto';

export class ImportWorkflowDto {
  @ApiProperty({
    type: PortableWorkflowDocumentDto,
    description: 'An exported document; another `format` is a 400 at `document.format`',
  })
  @IsDefined()
  document: Record<string, unknown>;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'A value per placeholder of the document; a missing or invalid one is a 400 at `values.<key>`',
  })
  @IsOptionalNonNullable()
  @IsObject()
  values?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'Name of the new automation; defaults to the document’s' })
  @IsOptionalNonNullable()
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(MAX_WORKFLOW_NAME_LENGTH)
  name?: string;
}
