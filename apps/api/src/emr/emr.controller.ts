import { Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { Audit } from '../audit/audit.decorator.js';
import { ClinicsService } from '../clinics/clinics.service.js';
import { ClinicAccess, CurrentUser, type AuthUser } from '../common/auth/index.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import {
  ConfigPullDto,
  ConnectionTestDto,
  ProviderSyncDto,
  toConfigPullDto,
  toConnectionTestDto,
  toProviderSyncDto,
} from './dto/emr-results.dto.js';
import { EmrService } from './emr.service.js';

const emrDown = ApiServiceUnavailableResponse({ type: ErrorResponseDto, description: 'The EMR could not be reached, timed out, or refused the credentials' });
const notSupported = ApiUnprocessableEntityResponse({ type: ErrorResponseDto, description: 'The EMR type or mode is not supported, or the connection is not configured' });

/** The console's EMR operations on one clinic. */
@ApiTags('emr')
@Controller('clinics/:clinicId')
export class EmrController {
  constructor(
    private readonly clinics: ClinicsService,
    private readonly emr: EmrService,
  ) {}

  @Post('emr/test-connection')
  @HttpCode(200)
  @ClinicAccess()
  @Audit('emr.test_connection')
  @ApiOperation({
    summary: "Test the clinic's EMR connection",
    description: 'Reaches OSCAR, checks the credentials and the server clock, and records the outcome (verified, version, lastVerifiedAt). A failed test answers 200 with `verified: false` and the problem in plain words.',
  })
  @ApiOkResponse({ type: ConnectionTestDto })
  async testConnection(@CurrentUser() user: AuthUser | undefined, @Param('clinicId', ParseUUIDPipe) clinicId: string): Promise<ConnectionTestDto> {
    await this.clinics.assertReachable(user, clinicId);
    return toConnectionTestDto(await this.emr.testConnection(clinicId));
  }

  @Post('providers/sync')
  @HttpCode(200)
  @ClinicAccess()
  @Audit('providers.sync')
  @ApiOperation({
    summary: 'Sync providers from the EMR',
    description: 'Upserts providers by OSCAR provider number, never deletes, marks vanished ones inactive, skips system accounts (e.g. 999998), and records the sync time.',
  })
  @ApiOkResponse({ type: ProviderSyncDto })
  @emrDown
  @notSupported
  async syncProviders(@CurrentUser() user: AuthUser | undefined, @Param('clinicId', ParseUUIDPipe) clinicId: string): Promise<ProviderSyncDto> {
    await this.clinics.assertReachable(user, clinicId);
    return toProviderSyncDto(await this.emr.syncProviders(clinicId));
  }

  @Post('emr/pull-config')
  @HttpCode(200)
  @ClinicAccess()
  @Audit('emr.pull_config')
  @ApiOperation({
    summary: 'Pull schedule codes, statuses and sites from the EMR',
    description: "Stores OSCAR's schedule template codes in the clinic config. SOAP exposes no statuses or sites: OSCAR's default statuses are recorded and sites left empty.",
  })
  @ApiOkResponse({ type: ConfigPullDto })
  @emrDown
  @notSupported
  async pullConfig(@CurrentUser() user: AuthUser | undefined, @Param('clinicId', ParseUUIDPipe) clinicId: string): Promise<ConfigPullDto> {
    await this.clinics.assertReachable(user, clinicId);
    return toConfigPullDto(await this.emr.pullConfig(clinicId));
  }
}
