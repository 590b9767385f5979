import { ChangeDetectionStrategy, Component } from '@angular/core';
import { EmptyStateComponent } from '../../shared/empty-state/empty-state.component';
import { PageHeaderComponent } from '../../shared/page-header/page-header.component';

/** Placeholder until the clinic settings screen is built on libs/api-client. */
@Component({
  selector: 'vd-settings-page',
  imports: [PageHeaderComponent, EmptyStateComponent],
  template: `
    <vd-page-header title="Clinic settings" subtitle="How the receptionist works for this clinic" />
    <vd-empty-state
      heading="Settings are on their way"
      message="The clinic's settings will appear here by section: EMR connection with a test button, voice agent, scheduling rules, SMS templates with a preview, privacy officer and retention, agreements, opening hours and holidays."
    />
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SettingsPageComponent {}
