import { ApiProperty } from '@nestjs/swagger';

export class PageMetaDto {
  @ApiProperty({ example: 42 }) total: number;
  @ApiProperty({ example: 1 }) page: number;
  @ApiProperty({ example: 50 }) pageSize: number;
}

export class ErrorResponseDto {
  @ApiProperty({ example: 400 }) statusCode: number;
  @ApiProperty({ example: 'Bad Request' }) error: string;
  @ApiProperty({ example: 'triggers[0].config.toStage: must be a string' }) message: string;
  @ApiProperty({
    required: false,
    example: [{ path: 'triggers[0].config.toStage', message: 'must be a string' }],
    type: 'array',
    items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } },
  })
  details?: { path: string; message: string }[];
}
