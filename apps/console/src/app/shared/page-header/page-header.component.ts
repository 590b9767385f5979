import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** The title of a page (its one `h1`), an optional line under it, and room for actions. */
@Component({
  selector: 'vd-page-header',
  template: `
    <div class="text">
      <h1 class="title" tabindex="-1">{{ title() }}</h1>
      @if (subtitle()) {
        <p class="subtitle">{{ subtitle() }}</p>
      }
    </div>
    <div class="actions"><ng-content /></div>
  `,
  styles: `
    :host { display: flex; flex-wrap: wrap; align-items: flex-end; justify-content: space-between; gap: 16px; margin-bottom: 24px; }
    .title { margin: 0; font: var(--mat-sys-headline-medium); color: var(--mat-sys-on-surface); }
    .title:focus { outline: none; }
    .subtitle { margin: 4px 0 0; font: var(--mat-sys-body-large); color: var(--mat-sys-on-surface-variant); }
    .actions { display: flex; gap: 8px; }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PageHeaderComponent {
  readonly title = input.required<string>();
  readonly subtitle = input<string>();
}
