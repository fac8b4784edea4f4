import { ApiProperty } from '@nestjs/swagger';
import { IntegrationDto } from './integration.dto';

export class IntegrationListDto {
  @ApiProperty({ type: [IntegrationDto], description: 'One entry per kind (slack, email, openai), configured or not' })
  items: IntegrationDto[];
}
