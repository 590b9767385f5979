import { ChangeDetectionStrategy, Component } from '@angular/core';
import { EmptyStateComponent } from '../../shared/empty-state/empty-state.component';
import { PageHeaderComponent } from '../../shared/page-header/page-header.component';

/** Placeholder until the call logs screen is built on libs/api-client. */
@Component({
  selector: 'vd-call-logs-page',
  imports: [PageHeaderComponent, EmptyStateComponent],
  template: `
    <vd-page-header title="Call logs" subtitle="Every call the receptionist answered" />
    <vd-empty-state
      heading="No calls recorded yet"
      message="Each answered call will appear here with the caller, what they wanted, the outcome, its length and the transcript, with filters and charts of outcomes and volume."
    />
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CallLogsPageComponent {}
