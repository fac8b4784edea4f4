import { ApiProperty } from '@nestjs/swagger';

/** Answer of `POST /templates/{id}/share`: the only time the code is shown. */
export class TemplateShareCodeDto {
  @ApiProperty({
    example: 'tpl_0vQm7m3sFZ0n2b4G8xYc1dJkL9pQrStUvWxYz01234A',
    description: 'Give it to the other agency; it is stored only as a hash and cannot be shown again',
  })
  shareCode: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}
