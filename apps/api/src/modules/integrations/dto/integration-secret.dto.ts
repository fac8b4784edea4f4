import { ApiProperty } from '@nestjs/swagger';

/** What may be shown of a secret: whether one is stored, and its last 4 characters (only for secrets of 12+ characters). */
export class IntegrationSecretDto {
  @ApiProperty({ example: true }) set: boolean;
  @ApiProperty({ nullable: true, type: String, example: 'UvWx' }) last4: string | null;
}
