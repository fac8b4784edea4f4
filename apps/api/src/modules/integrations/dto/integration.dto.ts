import { ApiProperty } from '@nestjs/swagger';
import { INTEGRATION_KINDS } from '../integration-kinds';
import { IntegrationSecretDto } from './integration-secret.dto';

/** An integration as the API shows it: settings, and the secret masked. */
export class IntegrationDto {
  @ApiProperty({ enum: INTEGRATION_KINDS, example: 'slack' }) kind: string;
  @ApiProperty({ example: true, description: 'Saved with everything it needs to work' }) configured: boolean;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { defaultChannel: 'C0123ABCD' },
    description: 'Non-secret settings',
  })
  settings: Record<string, unknown>;
  @ApiProperty({ type: IntegrationSecretDto }) secret: IntegrationSecretDto;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, example: '2026-03-02T09:30:00.000Z' }) updatedAt:
    string | null;
}
