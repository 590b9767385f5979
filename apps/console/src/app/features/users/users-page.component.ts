import { ChangeDetectionStrategy, Component, computed, inject, resource, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatMenuModule } from '@angular/material/menu';
import { ClinicsService, type CreatedUserDto, type UserDto, UsersService } from '@voicedesk/api-client';
import { AuthService } from '../../core/auth/auth.service';
import { toApiProblem } from '../../core/http/api-error';
import { ROLE_LABELS } from '../../core/shell/navigation';
import { confirm } from '../../shared/confirm-dialog/confirm-dialog.component';
import { CursorList } from '../../shared/cursor-list';
import { EmptyStateComponent } from '../../shared/empty-state/empty-state.component';
import { ErrorStateComponent } from '../../shared/error-state/error-state.component';
import { LoadingStateComponent } from '../../shared/loading-state/loading-state.component';
import { PageHeaderComponent } from '../../shared/page-header/page-header.component';
import { CreateUserDialogComponent } from './create-user-dialog.component';
import { type OneTimePasswordData, OneTimePasswordDialogComponent } from './one-time-password-dialog.component';
import { mfaLabel, statusLabel, userActions } from './user-format';
import { formatInstant } from '../../shared/format/dates';
import { StatusBadgeComponent } from '../../shared/status-badge/status-badge.component';

/**
 * Console users: an admin sees everyone and creates, deactivates, reactivates and resets them; a
 * clinic manager sees the people of their clinic. The API's rules (nobody deactivates or resets
 * themselves, the last active admin stays) are said on the row before anyone clicks.
 */
@Component({
  selector: 'vd-users-page',
  imports: [StatusBadgeComponent, MatButtonModule, MatMenuModule, PageHeaderComponent, LoadingStateComponent, ErrorStateComponent, EmptyStateComponent],
  template: `
    <vd-page-header title="Users" [subtitle]="isAdmin() ? 'Everyone who can sign in to the console' : 'The people of your clinic who can sign in to the console'">
      @if (isAdmin()) {
        <button mat-flat-button type="button" (click)="create()">New user</button>
      }
    </vd-page-header>

    @if (notice(); as message) {
      <p class="notice" role="status" data-testid="users-notice">{{ message }}</p>
    }
    @if (actionProblem(); as message) {
      <p class="problem" role="alert" data-testid="users-problem">{{ message }}</p>
    }

    @if (list.first.isLoading() && list.items().length === 0) {
      <vd-loading-state label="Loading users…" />
    } @else if (problem(); as message) {
      <vd-error-state heading="The users could not be loaded" [message]="message" (retry)="list.first.reload()" />
    } @else if (list.items().length === 0) {
      <vd-empty-state heading="No users yet" message="People you add here sign in with a one-time password and then choose their own." />
    } @else {
      <table class="table" data-testid="users-table">
        <caption class="vd-visually-hidden">Users</caption>
        <thead>
          <tr>
            <th scope="col">Name</th><th scope="col">Email</th><th scope="col">Role</th>
            @if (isAdmin()) { <th scope="col">Clinic</th> }
            <th scope="col">Status</th><th scope="col">Two-step verification</th><th scope="col">Last sign-in</th>
            @if (isAdmin()) { <th scope="col"><span class="vd-visually-hidden">Actions</span></th> }
          </tr>
        </thead>
        <tbody>
          @for (user of list.items(); track user.id) {
            @let actions = actionsFor(user);
            <tr [attr.data-user]="user.email">
              <td>{{ user.name }} @if (user.id === me()) { <span class="you">(you)</span> }</td>
              <td>{{ user.email }}</td>
              <td>{{ roleLabel(user) }}</td>
              @if (isAdmin()) { <td>{{ clinicName(user.clinicId) }}</td> }
              <td><vd-status-badge [status]="!user.isActive ? 'deactivated' : user.mustChangePassword ? 'must_change_password' : 'active'">{{ status(user) }}</vd-status-badge></td>
              <td>{{ mfa(user) }}</td>
              <td>{{ user.lastLoginAt ? when(user.lastLoginAt) : 'Never' }}</td>
              @if (isAdmin()) {
                <td class="actions">
                  @if (actions.canDeactivate || actions.canReactivate || actions.canResetPassword) {
                    <button mat-stroked-button type="button" [matMenuTriggerFor]="menu" [disabled]="busy() === user.id"
                            [attr.aria-label]="'Manage ' + user.name">Manage</button>
                    <mat-menu #menu="matMenu">
                      @if (actions.canResetPassword) { <button mat-menu-item type="button" (click)="resetPassword(user)">Reset password</button> }
                      @if (actions.canDeactivate) { <button mat-menu-item type="button" (click)="setActive(user, false)">Deactivate</button> }
                      @if (actions.canReactivate) { <button mat-menu-item type="button" (click)="setActive(user, true)">Reactivate</button> }
                    </mat-menu>
                  }
                  @if (actions.note; as note) { <span class="note">{{ note }}</span> }
                </td>
              }
            </tr>
          }
        </tbody>
      </table>
      @if (list.nextCursor()) {
        <div class="more"><button mat-stroked-button type="button" (click)="list.loadMore()" [disabled]="list.loadingMore()">Load more</button></div>
      }
    }
  `,
  styleUrl: '../../shared/list-table.scss',
  styles: `
    .you { color: var(--mat-sys-on-surface-variant); }
    .actions { display: flex; flex-direction: column; align-items: flex-start; gap: 4px; }
    .note { font: var(--mat-sys-body-small); color: var(--mat-sys-on-surface-variant); max-width: 28ch; }
    .notice { margin: 0 0 16px; padding: 12px 16px; border-radius: 8px; background: var(--mat-sys-primary-container); color: var(--mat-sys-on-primary-container); }
    .problem { margin: 0 0 16px; padding: 12px 16px; border-radius: 8px; background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UsersPageComponent {
  private readonly users = inject(UsersService);
  private readonly clinicsApi = inject(ClinicsService);
  private readonly dialog = inject(MatDialog);
  private readonly auth = inject(AuthService);

  protected readonly isAdmin = this.auth.isPlatformAdmin;
  protected readonly me = computed(() => this.auth.user()?.id);
  protected readonly busy = signal<string | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly actionProblem = signal<string | null>(null);
  protected readonly list = new CursorList<object, UserDto>({}, (_filter, cursor) => this.users.usersList({ limit: 100, cursor }));
  protected readonly clinics = resource({
    params: () => (this.isAdmin() ? {} : undefined),
    loader: () => this.clinicsApi.clinicsList({ limit: 100 }),
  });
  private readonly clinicNames = computed(() => new Map((this.clinics.value()?.items ?? []).map((c) => [c.id, c.name])));
  protected readonly problem = computed(() => (this.list.first.error() ? toApiProblem(this.list.first.error()).message : null));
  /** active admins among the loaded users; unknown while more pages remain */
  private readonly activeAdmins = computed(() =>
    this.list.nextCursor() ? null : this.list.items().filter((u) => u.role === 'platform_admin' && u.isActive).length,
  );

  protected actionsFor = (user: UserDto) => userActions(user, this.me(), this.activeAdmins());
  protected roleLabel = (user: UserDto) => ROLE_LABELS[user.role] ?? user.role;
  protected status = statusLabel;
  protected mfa = mfaLabel;
  protected when = (instant: string) => formatInstant(instant);
  protected clinicName = (id: string | null) => (id ? (this.clinicNames().get(id) ?? '—') : 'All clinics');

  protected create(): void {
    this.dialog
      .open(CreateUserDialogComponent, { data: { clinics: this.clinics.value()?.items ?? [] }, width: '560px', autoFocus: 'first-tabbable' })
      .afterClosed()
      .subscribe((created?: CreatedUserDto) => {
        if (!created) return;
        this.list.first.reload();
        this.notice.set(`${created.name} can now sign in.`);
        if (created.initialPassword) this.showPassword({ title: 'User created', name: created.name, email: created.email, password: created.initialPassword });
      });
  }

  protected async setActive(user: UserDto, isActive: boolean): Promise<void> {
    const ok = await confirm(
      this.dialog,
      isActive
        ? { title: `Reactivate ${user.name}?`, message: 'They can sign in again with their password.', confirm: 'Reactivate' }
        : { title: `Deactivate ${user.name}?`, message: 'They are signed out everywhere at once and cannot sign in until reactivated.', confirm: 'Deactivate' },
    );
    if (!ok) return;
    await this.act(user, async () => {
      this.list.replace(await this.users.usersUpdate({ userId: user.id, body: { isActive } }));
      this.notice.set(isActive ? `${user.name} can sign in again.` : `${user.name} is deactivated and signed out.`);
    });
  }

  protected async resetPassword(user: UserDto): Promise<void> {
    const ok = await confirm(this.dialog, {
      title: `Reset ${user.name}’s password?`,
      message: 'Their current password stops working and they are signed out everywhere. You get a one-time password to give them; they choose their own at the next sign-in.',
      confirm: 'Reset password',
    });
    if (!ok) return;
    await this.act(user, async () => {
      const reset = await this.users.usersResetPassword({ userId: user.id });
      const { initialPassword, ...updated } = reset;
      this.list.replace(updated);
      this.notice.set(null);
      this.showPassword({ title: 'Password reset', name: user.name, email: user.email, password: initialPassword });
    });
  }

  private async act(user: UserDto, work: () => Promise<void>): Promise<void> {
    this.busy.set(user.id);
    this.actionProblem.set(null);
    try {
      await work();
    } catch (error) {
      this.actionProblem.set(toApiProblem(error).message);
    } finally {
      this.busy.set(null);
    }
  }

  private showPassword(data: OneTimePasswordData): void {
    this.dialog.open(OneTimePasswordDialogComponent, { data, width: '480px', disableClose: true });
  }
}
