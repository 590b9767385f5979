import { ChangeDetectionStrategy, Component } from '@angular/core';
import { EmptyStateComponent } from '../../shared/empty-state/empty-state.component';
import { PageHeaderComponent } from '../../shared/page-header/page-header.component';

/** Placeholder until the tickets screen is built on libs/api-client. */
@Component({
  selector: 'vd-tickets-page',
  imports: [PageHeaderComponent, EmptyStateComponent],
  template: `
    <vd-page-header title="Tickets" subtitle="Calls that need a person" />
    <vd-empty-state
      heading="No tickets"
      message="When the receptionist hands a call to staff, a ticket with its conversation thread will appear here."
    />
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TicketsPageComponent {}
