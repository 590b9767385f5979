import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { PageHeaderComponent } from '../../shared/page-header/page-header.component';
import { HolidaysComponent } from './holidays.component';
import { WeeklyHoursComponent } from './weekly-hours.component';

/** When the clinic is open: the week's hours, and the days it is closed. */
@Component({
  selector: 'vd-hours-page',
  imports: [PageHeaderComponent, WeeklyHoursComponent, HolidaysComponent],
  template: `
    <vd-page-header title="Hours and holidays" subtitle="The receptionist books only inside these hours, in the clinic’s time zone" />
    <vd-weekly-hours [clinicId]="clinicId()" />
    <vd-holidays [clinicId]="clinicId()" />
  `,
  styles: `:host { display: grid; gap: 32px; }`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HoursPageComponent {
  readonly clinicId = input.required<string>();
}
