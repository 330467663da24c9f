import type { Routes } from '@angular/router';

export const INSTRUCTION_ROUTES: Routes = [
  { path: '', title: 'titles.instruction', loadComponent: () => import('./instruction-list').then((m) => m.InstructionList) },
  { path: ':id', title: 'titles.instructionApplication', loadComponent: () => import('./instruction-page').then((m) => m.InstructionPage) },
];
