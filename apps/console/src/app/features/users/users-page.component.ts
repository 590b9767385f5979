import { ChangeDetectionStrategy, Component } from '@angular/core';
import { EmptyStateComponent } from '../../shared/empty-state/empty-state.component';
import { PageHeaderComponent } from '../../shared/page-header/page-header.component';

/** Placeholder until the users screen is built on libs/api-client. */
@Component({
  selector: 'vd-users-page',
  imports: [PageHeaderComponent, EmptyStateComponent],
  template: `
    <vd-page-header title="Users" subtitle="People who can sign in to the console" />
    <vd-empty-state
      heading="No users to show yet"
      message="Console users will be listed here with their role, their clinic and whether they use two-step verification. This is also where you will invite someone."
    />
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UsersPageComponent {}
