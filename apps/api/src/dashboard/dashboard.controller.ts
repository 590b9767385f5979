import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SignedIn } from '../common/auth/access.decorators.js';
import { CurrentUser, type AuthUser } from '../common/auth/auth-user.js';
import { DashboardService } from './dashboard.service.js';
import { DashboardDto } from './dto/dashboard.dto.js';

@ApiTags('dashboard')
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get()
  @SignedIn()
  @ApiOperation({
    summary: 'The dashboard',
    description:
      "One row per clinic (an admin: every clinic, by name; a clinic manager: their clinic): calls today and this week (the clinic's calendar, weeks from Monday), " +
      'bookings made by voice, transfers and their commonest reasons, pending waitlist, open tickets, failed texts, EMR connection health and onboarding progress.',
  })
  @ApiOkResponse({ type: DashboardDto })
  summary(@CurrentUser() actor: AuthUser): Promise<DashboardDto> {
    return this.dashboard.summary(actor);
  }
}
