import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClinicsModule } from '../clinics/clinics.module.js';
import { ClinicProvider } from './clinic-provider.entity.js';
import { ProvidersController } from './providers.controller.js';
import { ProvidersService } from './providers.service.js';

/** A clinic's providers and their effective booking rules. Exports `ProvidersService`. */
@Module({
  imports: [TypeOrmModule.forFeature([ClinicProvider]), ClinicsModule],
  controllers: [ProvidersController],
  providers: [ProvidersService],
  exports: [ProvidersService],
})
export class ProvidersModule {}
