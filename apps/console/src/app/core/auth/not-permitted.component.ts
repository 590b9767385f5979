import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { EmptyStateComponent } from '../../shared/empty-state/empty-state.component';
import { PageHeaderComponent } from '../../shared/page-header/page-header.component';

/**
 * What a signed-in user sees at the address of a screen their role cannot open (a clinic manager at
 * an admin-only screen): said in words, at the address they asked for, with a way on.
 */
@Component({
  selector: 'vd-not-permitted',
  imports: [EmptyStateComponent, PageHeaderComponent, MatButtonModule, RouterLink],
  template: `
    <vd-page-header [title]="page()" />
    <vd-empty-state icon="lock" heading="Only platform administrators can open this page"
                    [message]="'Your account is a clinic manager’s, so ' + page().toLowerCase() + ' is not available to you. If you need something from it, ask VoiceDesk support in a ticket.'">
      <a mat-stroked-button routerLink="/dashboard">Go to the dashboard</a>
    </vd-empty-state>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotPermittedComponent {
  /** the screen's name, from the route's data */
  readonly page = input('This page');
}
