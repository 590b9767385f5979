import { ChangeDetectionStrategy, Component } from '@angular/core';
import { EmptyStateComponent } from '../../shared/empty-state/empty-state.component';
import { PageHeaderComponent } from '../../shared/page-header/page-header.component';

/** Placeholder until the providers screen is built on libs/api-client. */
@Component({
  selector: 'vd-providers-page',
  imports: [PageHeaderComponent, EmptyStateComponent],
  template: `
    <vd-page-header title="Providers" subtitle="Who patients can be booked with" />
    <vd-empty-state
      heading="No providers yet"
      message="Providers synced from the clinic's EMR will be listed here, each with a switch for whether the receptionist may book them and their effective scheduling rules."
    />
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProvidersPageComponent {}
