import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class VapiCheckDto {
  @ApiProperty({ enum: ['api_key', 'assistant', 'squad', 'phone_number'], example: 'assistant', description: 'what was checked' })
  check: 'api_key' | 'assistant' | 'squad' | 'phone_number';

  @ApiProperty({ example: true })
  ok: boolean;

  @ApiProperty({ example: 'The assistant “Fairview receptionist” exists in Vapi.', description: 'what was found, in plain words' })
  message: string;
}

export class VapiConnectionTestDto {
  @ApiProperty({ example: true, description: 'every check passed; recorded as `vapiConnectionVerified`, and the onboarding flag `vapiAssigned` is set' })
  verified: boolean;

  @ApiProperty({ type: [VapiCheckDto] })
  checks: VapiCheckDto[];

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'when a test last passed', example: '2026-11-23T17:32:59.000Z' })
  lastVerifiedAt: string | null;

  @ApiPropertyOptional({ example: 'The phone number in Vapi sends its calls to another assistant.', description: 'the first failed check, when the test failed' })
  problem?: string;
}
