import { ChangeDetectionStrategy, Component } from '@angular/core';
import { EmptyStateComponent } from '../../shared/empty-state/empty-state.component';
import { PageHeaderComponent } from '../../shared/page-header/page-header.component';

/** Placeholder until the clinics screen is built on libs/api-client. */
@Component({
  selector: 'vd-clinics-page',
  imports: [PageHeaderComponent, EmptyStateComponent],
  template: `
    <vd-page-header title="Clinics" subtitle="Every clinic on VoiceDesk" />
    <vd-empty-state
      heading="No clinics to show yet"
      message="Clinics you provision will appear here with their status, phone numbers and EMR connection. This is also where a new clinic's onboarding will start."
    />
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ClinicsPageComponent {}
