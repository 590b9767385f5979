import { Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClinicAccess, CurrentUser, type AuthUser } from '../common/auth/index.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { VapiConnectionTestDto } from './dto/vapi-connection.dto.js';
import { VapiConnectionService } from './vapi-connection.service.js';

@ApiTags('clinics')
@Controller('clinics/:clinicId')
export class VapiConnectionController {
  constructor(private readonly vapi: VapiConnectionService) {}

  @Post('vapi/test-connection')
  @HttpCode(200)
  @ClinicAccess()
  @ApiOperation({
    summary: "Test the clinic's Vapi connection (platform admins)",
    description:
      "Asks Vapi's API whether the clinic's assistant (or its squad, when `vapiSquadId` is set) exists, and whether its phone number (`vapiPhoneNumberId`) is " +
      "the clinic's receptionist number and sends its calls to that assistant or squad. A pass records `vapiConnectionVerified` and `vapiLastVerifiedAt` " +
      'and sets the onboarding flag `vapiAssigned`; a failed test answers 200 with `verified: false` and the problem in plain words. ' +
      'Setups the test cannot see keep the manual flag (`PATCH …/onboarding`).',
  })
  @ApiOkResponse({ type: VapiConnectionTestDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Not a platform admin' })
  test(@CurrentUser() user: AuthUser | undefined, @Param('clinicId', ParseUUIDPipe) clinicId: string): Promise<VapiConnectionTestDto> {
    return this.vapi.test(user, clinicId);
  }
}
