import { ChangeDetectionStrategy, Component } from '@angular/core';
import { EmptyStateComponent } from '../../shared/empty-state/empty-state.component';
import { PageHeaderComponent } from '../../shared/page-header/page-header.component';

/** Placeholder until the waitlist screen is built on libs/api-client. */
@Component({
  selector: 'vd-waitlist-page',
  imports: [PageHeaderComponent, EmptyStateComponent],
  template: `
    <vd-page-header title="Waitlist" subtitle="New patients waiting for a place" />
    <vd-empty-state
      heading="Nobody is waiting"
      message="Callers the receptionist puts on the waitlist will appear here with their preferred dates, so staff can contact them when a place opens."
    />
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WaitlistPageComponent {}
