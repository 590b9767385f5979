import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClinicsService } from '../clinics/clinics.service.js';
import { ClinicAccess, CurrentUser, type AuthUser } from '../common/auth/index.js';
import { ScheduleCacheStatusDto, toScheduleCacheStatusDto } from './dto/schedule-cache-status.dto.js';
import { ScheduleCacheService } from './schedule-cache.service.js';

/** The schedule cache of one clinic, for the console and operators. */
@ApiTags('scheduling')
@Controller('clinics/:clinicId')
export class ScheduleCacheController {
  constructor(
    private readonly clinics: ClinicsService,
    private readonly cache: ScheduleCacheService,
  ) {}

  @Get('schedule-cache')
  @ClinicAccess()
  @ApiOperation({
    summary: "How warm the clinic's schedule cache is",
    description:
      'The voice agent reads OSCAR day schedules from a cache kept warm in the background (refreshed on a budget of one SOAP call per second on average, warmed at once after a provider sync or config pull). Bookings always re-read the day from OSCAR.',
  })
  @ApiOkResponse({ type: ScheduleCacheStatusDto })
  async status(@CurrentUser() user: AuthUser | undefined, @Param('clinicId', ParseUUIDPipe) clinicId: string): Promise<ScheduleCacheStatusDto> {
    await this.clinics.assertReachable(user, clinicId);
    return toScheduleCacheStatusDto(await this.cache.status(clinicId));
  }
}
