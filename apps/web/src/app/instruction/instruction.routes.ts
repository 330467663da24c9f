import type { Routes } from '@angular/router';
import { providePaginatorIntl } from '../core/i18n/paginator-intl';

export const INSTRUCTION_ROUTES: Routes = [
  { path: '', title: 'titles.instruction', providers: [providePaginatorIntl()], loadComponent: () => import('./instruction-list').then((m) => m.InstructionList) },
  { path: ':id', title: 'titles.instructionApplication', loadComponent: () => import('./instruction-page').then((m) => m.InstructionPage) },
];
