import { ChangeDetectionStrategy, Component, computed, inject, input, resource, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { ClinicsService, type VapiConnectionTestDto } from '@voicedesk/api-client';
import { AuthService } from '../../core/auth/auth.service';
import { CurrentClinic } from '../../core/clinic/current-clinic.service';
import { toApiProblem } from '../../core/http/api-error';
import { confirm } from '../../shared/confirm-dialog/confirm-dialog.component';
import { ErrorStateComponent } from '../../shared/error-state/error-state.component';
import { LoadingStateComponent } from '../../shared/loading-state/loading-state.component';
import { PageHeaderComponent } from '../../shared/page-header/page-header.component';
import { type ChecklistItem, checklist, completeState, goLiveState, progressText } from './onboarding-format';

/**
 * A clinic's way to go live: the API's 4 steps and 8 flags, each undone one with what it still
 * needs and a link to where it is done, the recommended manager invitation, "Test Vapi connection",
 * "Complete onboarding" and an admin's "Go live", each gated exactly as the API gates it.
 */
@Component({
  selector: 'vd-onboarding-page',
  imports: [RouterLink, MatButtonModule, MatIconModule, PageHeaderComponent, LoadingStateComponent, ErrorStateComponent],
  template: `
    <vd-page-header title="Onboarding" [subtitle]="state.value() ? progress() + ' · the checklist to go live' : 'The checklist to go live'" />
    @if (notice(); as message) { <p class="notice" role="status" data-testid="onboarding-notice">{{ message }}</p> }
    @if (actionProblem(); as message) { <p class="problem" role="alert" data-testid="onboarding-problem">{{ message }}</p> }

    @if (state.isLoading() && !state.value()) {
      <vd-loading-state label="Loading the checklist…" />
    } @else if (problem(); as message) {
      <vd-error-state heading="The checklist could not be loaded" [message]="message" (retry)="state.reload()" />
    } @else if (state.value(); as o) {
      <ol class="steps">
        @for (s of steps(); track s.step) {
          <li class="step" [attr.data-step]="s.step">
            <h2 class="step-title">Step {{ s.step }}: {{ s.name }} @if (s.done) { <span class="chip good">Done</span> }</h2>
            <ul class="items">
              @for (item of s.items; track item.flag) {
                <li class="item" [attr.data-flag]="item.flag">
                  <mat-icon class="mark" [class.done]="item.done" [svgIcon]="item.done ? 'check_circle' : 'radio_button_unchecked'" aria-hidden="true" />
                  <div class="text">
                    <span class="label">{{ item.label }}<span class="vd-visually-hidden">: {{ item.done ? 'done' : 'not done' }}</span></span>
                    @if (item.needs) { <span class="needs">{{ item.needs }}</span> }
                  </div>
                  <div class="act">
                    @if (!item.done && item.guide.link) {
                      <a mat-button [routerLink]="linkOf(item)" [queryParams]="item.guide.link.section ? { section: item.guide.link.section } : {}">{{ item.guide.linkText }}</a>
                    }
                    @if (isAdmin() && item.flag === 'vapiAssigned') {
                      <button mat-stroked-button type="button" (click)="testVapi()" [disabled]="busy()">{{ busy() === 'vapi' ? 'Testing…' : 'Test Vapi connection' }}</button>
                    }
                    @if (isAdmin() && item.flag === 'testCallPassed') {
                      <button mat-stroked-button type="button" (click)="setTestCall(!item.done)" [disabled]="busy()">{{ item.done ? 'Undo: no test call yet' : 'A test call passed' }}</button>
                    }
                  </div>
                </li>
              }
            </ul>
          </li>
        }
      </ol>
      @if (vapiResult(); as v) {
        <section class="vapi" [class.bad]="!v.verified" data-testid="vapi-result" aria-label="Vapi connection test">
          <h2 class="step-title">{{ v.verified ? 'Vapi connection verified' : 'The Vapi connection test did not pass' }}</h2>
          <ul>@for (c of v.checks; track c.check) { <li>{{ c.ok ? '✓' : '✗' }} {{ c.message }}</li> }</ul>
        </section>
      }
      <section class="recommended" aria-labelledby="recommended-title">
        <h2 id="recommended-title" class="step-title">Recommended</h2>
        <p>Add the clinic's manager, so they can run their hours, providers and waitlist themselves. @if (isAdmin()) { <a routerLink="/users">Open Users</a> }</p>
      </section>
      <div class="finish">
        <div>
          <button mat-flat-button type="button" (click)="complete()" [disabled]="!completable().can || !!busy()">Complete onboarding</button>
          @if (completable().why; as why) { <p class="why" data-testid="complete-why">{{ why }}</p> }
        </div>
        @if (isAdmin()) {
          <div>
            <button mat-flat-button type="button" (click)="goLive()" [disabled]="!live().can || !!busy()">Go live</button>
            @if (live().why; as why) { <p class="why" data-testid="go-live-why">{{ why }}</p> }
          </div>
        }
      </div>
    }
  `,
  styles: `
    .steps { list-style: none; margin: 0; padding: 0; display: grid; gap: 16px; }
    .step { padding: 16px 20px; border-radius: 12px; border: 1px solid var(--mat-sys-outline-variant); background: var(--mat-sys-surface-container-lowest); }
    .step-title { display: flex; align-items: center; gap: 8px; margin: 0 0 8px; font: var(--mat-sys-title-medium); }
    .items { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
    .item { display: grid; grid-template-columns: 24px 1fr auto; gap: 12px; align-items: center; }
    .mark { color: var(--mat-sys-outline); }
    .mark.done { color: var(--mat-sys-primary); }
    .text { display: flex; flex-direction: column; }
    .label { font: var(--mat-sys-body-large); }
    .needs { font: var(--mat-sys-body-medium); color: var(--mat-sys-on-surface-variant); }
    .act { display: flex; gap: 8px; flex-wrap: wrap; justify-content: flex-end; }
    .chip { display: inline-block; padding: 2px 10px; border-radius: 999px; font: var(--mat-sys-label-medium); }
    .chip.good { background: var(--mat-sys-primary-container); color: var(--mat-sys-on-primary-container); }
    .vapi, .recommended { margin-top: 16px; padding: 16px 20px; border-radius: 12px; border: 1px solid var(--mat-sys-outline-variant); }
    .vapi.bad { background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
    .finish { display: flex; flex-wrap: wrap; gap: 24px; margin-top: 24px; }
    .why { margin: 8px 0 0; max-width: 48ch; font: var(--mat-sys-body-medium); color: var(--mat-sys-on-surface-variant); }
    .notice { margin: 0 0 16px; padding: 12px 16px; border-radius: 8px; background: var(--mat-sys-primary-container); color: var(--mat-sys-on-primary-container); }
    .problem { margin: 0 0 16px; padding: 12px 16px; border-radius: 8px; background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OnboardingPageComponent {
  private readonly clinics = inject(ClinicsService);
  private readonly dialog = inject(MatDialog);
  private readonly currentClinic = inject(CurrentClinic);
  readonly clinicId = input.required<string>();

  protected readonly isAdmin = inject(AuthService).isPlatformAdmin;
  protected readonly busy = signal<'vapi' | 'flag' | 'complete' | 'live' | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly actionProblem = signal<string | null>(null);
  protected readonly vapiResult = signal<VapiConnectionTestDto | null>(null);
  protected readonly state = resource({ params: () => ({ clinicId: this.clinicId() }), loader: ({ params }) => this.clinics.onboardingGet(params) });
  protected readonly problem = computed(() => (this.state.error() ? toApiProblem(this.state.error()).message : null));
  protected readonly steps = computed(() => (this.state.value() ? checklist(this.state.value()!) : []));
  protected readonly progress = computed(() => (this.state.value() ? progressText(this.state.value()!) : ''));
  protected readonly completable = computed(() => completeState(this.state.value()!));
  protected readonly live = computed(() => goLiveState(this.state.value()!));

  protected linkOf(item: ChecklistItem): string[] {
    return ['/clinics', this.clinicId(), item.guide.link!.path];
  }

  protected async testVapi(): Promise<void> {
    await this.act('vapi', async () => {
      const result = await this.clinics.vapiConnectionTest({ clinicId: this.clinicId() });
      this.vapiResult.set(result);
      this.state.reload();
    });
  }

  protected async setTestCall(passed: boolean): Promise<void> {
    await this.act('flag', async () => this.state.set(await this.clinics.onboardingUpdate({ clinicId: this.clinicId(), body: { testCallPassed: passed } })));
  }

  protected async complete(): Promise<void> {
    const ok = await confirm(this.dialog, {
      title: 'Complete onboarding?',
      message: 'The VoiceDesk administrators are told the clinic is ready; they assign its number, pass a test call and take it live.',
      confirm: 'Complete onboarding',
    });
    if (!ok) return;
    await this.act('complete', async () => {
      this.state.set(await this.clinics.onboardingComplete({ clinicId: this.clinicId() }));
      this.notice.set('Onboarding is complete.');
    });
  }

  protected async goLive(): Promise<void> {
    const ok = await confirm(this.dialog, {
      title: 'Take the clinic live?',
      message: 'From now on the voice agent answers the clinic’s callers, books into its EMR and texts its patients.',
      confirm: 'Go live',
    });
    if (!ok) return;
    await this.act('live', async () => {
      await this.clinics.onboardingActivate({ clinicId: this.clinicId() });
      this.state.reload();
      this.currentClinic.changed();
      this.notice.set('The clinic is live.');
    });
  }

  private async act(what: 'vapi' | 'flag' | 'complete' | 'live', work: () => Promise<void>): Promise<void> {
    this.busy.set(what);
    this.actionProblem.set(null);
    try {
      await work();
    } catch (error) {
      this.actionProblem.set(toApiProblem(error).message);
    } finally {
      this.busy.set(null);
    }
  }
}

