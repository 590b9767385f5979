import type { Routes } from '@angular/router';
import { LoginPageComponent } from './login-page.component';

export const LOGIN_ROUTES: Routes = [{ path: '', title: 'Sign in', component: LoginPageComponent }];
