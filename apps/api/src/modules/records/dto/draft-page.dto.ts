import { ApiProperty } from '@nestjs/swagger';
import { PageMetaDto } from '../../../common/page.dto';
import { DraftDto } from './draft.dto';

export class DraftPageDto extends PageMetaDto {
  @ApiProperty({ type: [DraftDto] }) items: DraftDto[];
}
