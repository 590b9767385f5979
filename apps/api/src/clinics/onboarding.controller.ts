import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Audit } from '../audit/audit.decorator.js';
import { ClinicAccess, CurrentUser, type AuthUser } from '../common/auth/index.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { ClinicDto, toClinicDto } from './dto/clinic.dto.js';
import { OnboardingDto, UpdateOnboardingDto } from './dto/onboarding.dto.js';
import { OnboardingService } from './onboarding.service.js';

@ApiTags('clinics')
@Controller('clinics/:clinicId')
export class OnboardingController {
  constructor(private readonly onboarding: OnboardingService) {}

  @Get('onboarding')
  @ClinicAccess()
  @ApiOperation({
    summary: 'Get the onboarding checklist',
    description: 'The 4 steps and 8 flags, read from the clinic\'s settings each time, the current step, and what completing and activating still need.',
  })
  @ApiOkResponse({ type: OnboardingDto })
  get(@CurrentUser() user: AuthUser | undefined, @Param('clinicId', ParseUUIDPipe) clinicId: string): Promise<OnboardingDto> {
    return this.onboarding.get(user, clinicId);
  }

  @Patch('onboarding')
  @ClinicAccess()
  @Audit('onboarding.update')
  @ApiOperation({ summary: 'Set the Vapi flags', description: 'Platform admins set `vapiAssigned` and `testCallPassed`; the other flags follow the settings.' })
  @ApiOkResponse({ type: OnboardingDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'A flag is not a boolean' })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Not a platform admin' })
  update(
    @CurrentUser() user: AuthUser | undefined,
    @Param('clinicId', ParseUUIDPipe) clinicId: string,
    @Body() body: UpdateOnboardingDto,
  ): Promise<OnboardingDto> {
    return this.onboarding.update(user, clinicId, body);
  }

  @Post('onboarding/complete')
  @ClinicAccess()
  @Audit('onboarding.complete')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Complete the onboarding',
    description: 'Needs clinic info, privacy officer, agreements, EMR connection, providers and hours; stamps `completedAt` (once). Then a platform admin activates the clinic.',
  })
  @ApiOkResponse({ type: OnboardingDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Something is missing (each missing flag in `errors`, in plain words)' })
  complete(@CurrentUser() user: AuthUser | undefined, @Param('clinicId', ParseUUIDPipe) clinicId: string): Promise<OnboardingDto> {
    return this.onboarding.complete(user, clinicId);
  }

  @Post('activate')
  @ClinicAccess()
  @Audit('clinic.activate')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Activate a clinic', description: 'Platform admins only: pending → active, once onboarding is complete, a Vapi number is assigned and a test call passed.' })
  @ApiOkResponse({ type: ClinicDto })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'Not a platform admin' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'The clinic is not pending, or something is missing (in `errors`)' })
  async activate(@CurrentUser() user: AuthUser | undefined, @Param('clinicId', ParseUUIDPipe) clinicId: string): Promise<ClinicDto> {
    return toClinicDto(await this.onboarding.activate(user, clinicId));
  }
}
