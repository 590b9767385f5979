import { ChangeDetectionStrategy, Component } from '@angular/core';
import { EmptyStateComponent } from '../../shared/empty-state/empty-state.component';
import { PageHeaderComponent } from '../../shared/page-header/page-header.component';

/** Placeholder until the notifications screen is built on libs/api-client. */
@Component({
  selector: 'vd-notifications-page',
  imports: [PageHeaderComponent, EmptyStateComponent],
  template: `
    <vd-page-header title="Notifications" subtitle="What needs your attention" />
    <vd-empty-state
      heading="You are all caught up"
      message="Alerts such as new tickets, faxes waiting for review and EMR connection problems will be listed here."
    />
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotificationsPageComponent {}
