import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { TEMPLATE_CATEGORIES, TEMPLATE_SOURCES, type TemplateCategory, type TemplateSource } from '@automations/domain';
import { PaginationQuery } from '../../../common/pagination.query';

export class ListTemplatesQuery extends PaginationQuery {
  @ApiPropertyOptional({ enum: TEMPLATE_CATEGORIES })
  @IsOptional()
  @IsIn(TEMPLATE_CATEGORIES)
  category?: TemplateCategory;
  @ApiPropertyOptional({ example: 'roas', description: 'Case-insensitive match on name or description' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;
  @ApiPropertyOptional({ enum: TEMPLATE_SOURCES }) @IsOptional() @IsIn(TEMPLATE_SOURCES) source?: TemplateSource;
}
