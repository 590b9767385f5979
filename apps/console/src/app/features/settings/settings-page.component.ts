import { ChangeDetectionStrategy, Component, computed, inject, input, resource } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import { MatTabsModule } from '@angular/material/tabs';
import { Router } from '@angular/router';
import { type ClinicConfigDto, ClinicsService } from '@voicedesk/api-client';
import { AuthService } from '../../core/auth/auth.service';
import { toApiProblem } from '../../core/http/api-error';
import { confirm } from '../../shared/confirm-dialog/confirm-dialog.component';
import { ErrorStateComponent } from '../../shared/error-state/error-state.component';
import { LoadingStateComponent } from '../../shared/loading-state/loading-state.component';
import { PageHeaderComponent } from '../../shared/page-header/page-header.component';
import { AgreementsSectionComponent } from './sections/agreements-section.component';
import { ClinicDetailsSectionComponent } from './sections/clinic-details-section.component';
import { EmrSectionComponent } from './sections/emr-section.component';
import { FaxSectionComponent } from './sections/fax-section.component';
import { PrivacySectionComponent } from './sections/privacy-section.component';
import { SchedulingSectionComponent } from './sections/scheduling-section.component';
import { SmsSectionComponent } from './sections/sms-section.component';
import { VoiceSectionComponent } from './sections/voice-section.component';
import { UnsavedEdits } from './unsaved-edits';

export const SECTIONS = [
  { id: 'clinic', label: 'Clinic' },
  { id: 'emr', label: 'EMR connection' },
  { id: 'voice', label: 'Voice' },
  { id: 'scheduling', label: 'Scheduling rules' },
  { id: 'sms', label: 'SMS templates' },
  { id: 'privacy', label: 'Privacy and retention' },
  { id: 'fax', label: 'Fax inbox' },
  { id: 'agreements', label: 'Agreements' },
] as const;

/**
 * The clinic's details and configuration by section (SPEC §10), one tab each, saved section by section. The
 * open tab is in the address (`?section=`), so a reload or a link lands on it. Edits survive a switch of
 * tabs (a visited tab keeps its content) and the tab says "unsaved"; leaving the page with unsaved edits
 * asks first (the route's `canDeactivate`), and so does the browser when the tab is closed or reloaded.
 */
@Component({
  selector: 'vd-settings-page',
  imports: [
    MatTabsModule, PageHeaderComponent, LoadingStateComponent, ErrorStateComponent, EmrSectionComponent, VoiceSectionComponent,
    SchedulingSectionComponent, SmsSectionComponent, PrivacySectionComponent, FaxSectionComponent, AgreementsSectionComponent, ClinicDetailsSectionComponent,
  ],
  template: `
    <vd-page-header title="Clinic settings" subtitle="How the receptionist works for this clinic" />
    @if (config.isLoading() && !config.hasValue()) {
      <vd-loading-state label="Loading settings…" />
    } @else if (problem(); as message) {
      <vd-error-state heading="Settings could not be loaded" [message]="message" (retry)="config.reload()" />
    } @else if (config.value(); as c) {
      <mat-tab-group [selectedIndex]="selected()" (selectedIndexChange)="select($event)" animationDuration="0ms" mat-stretch-tabs="false" [preserveContent]="true">
        @for (s of sections; track s.id) {
          <mat-tab [label]="edits.has(s.id) ? s.label + ' (unsaved)' : s.label">
            <ng-template matTabContent>
              @switch (s.id) {
                @case ('clinic') { <vd-clinic-details-section [clinicId]="clinicId()" [isAdmin]="isAdmin()" /> }
                @case ('emr') { <vd-emr-section [clinicId]="clinicId()" [config]="c" [isAdmin]="isAdmin()" (saved)="update($event)" /> }
                @case ('voice') { <vd-voice-section [clinicId]="clinicId()" [config]="c" [isAdmin]="isAdmin()" (saved)="update($event)" /> }
                @case ('scheduling') { <vd-scheduling-section [clinicId]="clinicId()" [config]="c" (saved)="update($event)" /> }
                @case ('sms') { <vd-sms-section [clinicId]="clinicId()" [config]="c" [isAdmin]="isAdmin()" (saved)="update($event)" /> }
                @case ('privacy') { <vd-privacy-section [clinicId]="clinicId()" [config]="c" (saved)="update($event)" /> }
                @case ('fax') { <vd-fax-section [clinicId]="clinicId()" [config]="c" [isAdmin]="isAdmin()" (saved)="update($event)" /> }
                @case ('agreements') { <vd-agreements-section [clinicId]="clinicId()" [config]="c" [isAdmin]="isAdmin()" (saved)="update($event)" /> }
              }
            </ng-template>
          </mat-tab>
        }
      </mat-tab-group>
    }
  `,
  styles: `mat-tab-group { margin-top: -8px; } :host ::ng-deep .mat-mdc-tab-body-content { padding-top: 16px; }`,
  providers: [UnsavedEdits],
  host: { '(window:beforeunload)': 'warnBeforeUnload($event)' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SettingsPageComponent {
  private readonly clinics = inject(ClinicsService);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  protected readonly edits = inject(UnsavedEdits);

  readonly clinicId = input.required<string>();
  /** query parameter: the open section */
  readonly section = input<string>();

  protected readonly sections = SECTIONS;
  protected readonly isAdmin = inject(AuthService).isPlatformAdmin;
  protected readonly config = resource({
    params: () => ({ clinicId: this.clinicId() }),
    loader: ({ params }) => this.clinics.clinicConfigGet(params),
  });
  protected readonly problem = computed(() => (this.config.error() ? toApiProblem(this.config.error()).message : null));
  protected readonly selected = computed(() => Math.max(0, SECTIONS.findIndex((s) => s.id === this.section())));

  protected select(index: number): void {
    void this.router.navigate([], { queryParams: { section: SECTIONS[index].id }, replaceUrl: true });
  }

  protected update(config: ClinicConfigDto): void {
    this.config.set(config);
  }

  /** Leaving the page (another page of the console) with unsaved edits: only after the person agrees. */
  async confirmLeave(): Promise<boolean> {
    const unsaved = this.edits.sections().map((id) => SECTIONS.find((s) => s.id === id)?.label ?? id);
    if (!unsaved.length) return true;
    return confirm(this.dialog, {
      title: 'Leave without saving?',
      message: `Your changes to ${unsaved.join(', ')} are not saved yet. Leaving the page discards them.`,
      confirm: 'Discard changes',
    });
  }

  /** Closing or reloading the browser tab with unsaved edits: the browser asks. */
  protected warnBeforeUnload(event: BeforeUnloadEvent): void {
    if (!this.edits.has()) return;
    event.preventDefault();
    // older browsers ask only when returnValue is set
    event.returnValue = '';
  }
}
