import { ApiProperty } from '@nestjs/swagger';
import { PageMetaDto } from '../../../common/page.dto';
import { ClientDto } from './client.dto';

export class ClientPageDto extends PageMetaDto {
  @ApiProperty({ type: [ClientDto] }) items: ClientDto[];
}
