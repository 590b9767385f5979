import type { Routes } from '@angular/router';
import { TextsPageComponent } from './texts-page.component';

export const TEXTS_ROUTES: Routes = [{ path: '', title: 'Texts', component: TextsPageComponent }];
