import { ApiProperty } from '@nestjs/swagger';
import { PageMetaDto } from '../../../common/page.dto';
import { TaskDto } from './task.dto';

export class TaskPageDto extends PageMetaDto {
  @ApiProperty({ type: [TaskDto] }) items: TaskDto[];
}
