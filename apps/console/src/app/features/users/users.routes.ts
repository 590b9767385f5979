import type { Routes } from '@angular/router';
import { UsersPageComponent } from './users-page.component';

export const USERS_ROUTES: Routes = [{ path: '', title: 'Users', component: UsersPageComponent }];
