import { ChangeDetectionStrategy, Component, computed, inject, input, resource } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { ProvidersService } from '@voicedesk/api-client';
import { toApiProblem } from '../../core/http/api-error';
import { ErrorStateComponent } from '../../shared/error-state/error-state.component';
import { LoadingStateComponent } from '../../shared/loading-state/loading-state.component';
import { PageHeaderComponent } from '../../shared/page-header/page-header.component';
import { PROVIDER_STATUS_LABELS, SOURCE_LABELS, bookableByVoice, orderedSettings, providerName, settingValue } from './provider-format';
import { formatInstant } from '../../shared/format/dates';
import { codeWords } from '../../shared/format/words';

/** One provider, and the configuration the receptionist really uses for them: each value and where it comes from. */
@Component({
  selector: 'vd-provider-detail-page',
  imports: [RouterLink, MatButtonModule, PageHeaderComponent, LoadingStateComponent, ErrorStateComponent],
  template: `
    @if (detail.isLoading() && !detail.hasValue()) {
      <vd-page-header title="Provider" />
      <vd-loading-state label="Loading the provider…" />
    } @else if (problem(); as message) {
      <vd-page-header title="Provider" />
      <vd-error-state heading="The provider could not be loaded" [message]="message" (retry)="detail.reload()" />
    } @else if (detail.value(); as d) {
      <vd-page-header [title]="name(d.provider)" [subtitle]="d.provider.specialty ?? ''">
        <a mat-button routerLink="..">All providers</a>
      </vd-page-header>
      <dl class="facts">
        <div><dt>Status</dt><dd>{{ statusLabel(d.provider.status) }}</dd></div>
        <div><dt>OSCAR provider no.</dt><dd>{{ d.provider.oscarProviderId ?? '—' }}</dd></div>
        <div><dt>Bookable by voice</dt><dd data-testid="bookable-by-voice">{{ bookable(d.provider) }}</dd></div>
        <div><dt>Last synced</dt><dd>{{ d.provider.lastSyncedAt ? when(d.provider.lastSyncedAt) : 'Never' }}</dd></div>
      </dl>
      <h2 class="title">Effective configuration</h2>
      <p class="hint">What the receptionist uses when booking this provider: the provider’s own setting, else the clinic’s, else VoiceDesk’s default.</p>
      <table class="table" data-testid="effective-config">
        <caption class="vd-visually-hidden">Effective configuration</caption>
        <thead><tr><th scope="col">Setting</th><th scope="col">Value</th><th scope="col">Comes from</th></tr></thead>
        <tbody>
          @for (s of settings(); track s.key) {
            <tr><td>{{ s.label }}</td><td>{{ value(s.value, s.key) }}</td><td><span class="source" [attr.data-source]="s.source">{{ source(s.source) }}</span></td></tr>
          }
        </tbody>
      </table>
      @if (types().length) {
        <h2 class="title">Appointment types by visit reason</h2>
        <table class="table">
          <caption class="vd-visually-hidden">Appointment types by visit reason</caption>
          <thead><tr><th scope="col">Visit reason</th><th scope="col">OSCAR type</th><th scope="col">Minutes</th><th scope="col">Comes from</th></tr></thead>
          <tbody>
            @for (t of types(); track t.reason) {
              <tr><td>{{ reason(t.reason) }}</td><td>{{ t.code }}</td><td>{{ t.durationMin ?? '—' }}</td><td><span class="source" [attr.data-source]="t.source">{{ source(t.source) }}</span></td></tr>
            }
          </tbody>
        </table>
      }
    }
  `,
  styles: `
    .facts { display: flex; flex-wrap: wrap; gap: 12px 40px; margin: 0 0 24px; }
    dt { font: var(--mat-sys-label-medium); color: var(--mat-sys-on-surface-variant); }
    dd { margin: 2px 0 0; font: var(--mat-sys-body-large); }
    .title { margin: 24px 0 4px; font: var(--mat-sys-title-large); }
    .hint { margin: 0 0 12px; color: var(--mat-sys-on-surface-variant); }
    .table { width: 100%; border-collapse: collapse; border: 1px solid var(--mat-sys-outline-variant); }
    th, td { text-align: left; padding: 8px 16px; border-bottom: 1px solid var(--mat-sys-outline-variant); }
    th { font: var(--mat-sys-label-large); color: var(--mat-sys-on-surface-variant); }
    .source { font: var(--mat-sys-label-medium); padding: 2px 8px; border-radius: 999px; background: var(--mat-sys-surface-container-high); }
    .source[data-source='provider'] { background: var(--mat-sys-primary-container); color: var(--mat-sys-on-primary-container); }
    .source[data-source='clinic'] { background: var(--mat-sys-tertiary-container); color: var(--mat-sys-on-tertiary-container); }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProviderDetailPageComponent {
  private readonly providers = inject(ProvidersService);
  readonly clinicId = input.required<string>();
  readonly providerId = input.required<string>();

  protected readonly detail = resource({
    params: () => ({ clinicId: this.clinicId(), providerId: this.providerId() }),
    loader: async ({ params }) => {
      const [provider, config] = await Promise.all([this.providers.providersGet(params), this.providers.providersEffectiveConfig(params)]);
      return { provider, config };
    },
  });
  protected readonly problem = computed(() => (this.detail.error() ? toApiProblem(this.detail.error()).message : null));
  protected readonly settings = computed(() => orderedSettings(this.detail.value()?.config.settings ?? {}));
  protected readonly types = computed(() =>
    Object.entries(this.detail.value()?.config.appointmentTypes ?? {}).map(([reason, type]) => ({ reason, ...type })),
  );
  protected name = providerName;
  protected value = settingValue;
  protected bookable = bookableByVoice;
  protected reason = (code: string) => codeWords(code);
  protected source = (source: keyof typeof SOURCE_LABELS) => SOURCE_LABELS[source] ?? source;
  protected statusLabel = (status: keyof typeof PROVIDER_STATUS_LABELS) => PROVIDER_STATUS_LABELS[status] ?? status;
  protected when = (instant: string) => formatInstant(instant);
}
