import { ChangeDetectionStrategy, Component } from '@angular/core';
import { EmptyStateComponent } from '../../shared/empty-state/empty-state.component';
import { PageHeaderComponent } from '../../shared/page-header/page-header.component';

/** Placeholder until the audit log screen is built on libs/api-client. */
@Component({
  selector: 'vd-audit-log-page',
  imports: [PageHeaderComponent, EmptyStateComponent],
  template: `
    <vd-page-header title="Audit log" subtitle="Who changed what, and when" />
    <vd-empty-state
      heading="No audit entries to show"
      message="Every change made through the console or the API will be recorded here with who made it, when, and what it was before and after."
    />
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditLogPageComponent {}
