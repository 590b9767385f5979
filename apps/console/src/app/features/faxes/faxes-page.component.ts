import { ChangeDetectionStrategy, Component } from '@angular/core';
import { EmptyStateComponent } from '../../shared/empty-state/empty-state.component';
import { PageHeaderComponent } from '../../shared/page-header/page-header.component';

/** Placeholder until the faxes screen is built on libs/api-client. */
@Component({
  selector: 'vd-faxes-page',
  imports: [PageHeaderComponent, EmptyStateComponent],
  template: `
    <vd-page-header title="Faxes" subtitle="The clinic's fax inbox" />
    <vd-empty-state
      heading="No faxes yet"
      message="Incoming faxes will arrive here with a preview of the document, the fields read from it and the matched patient for you to verify."
    />
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FaxesPageComponent {}
