import type { Routes } from '@angular/router';
import { provideEchartsCore } from 'ngx-echarts';

export const FINANCE_ROUTES: Routes = [
  {
    path: '',
    title: 'finance.title',
    // ECharts loads when a chart first renders, from its own chunk (never in the first load).
    providers: [provideEchartsCore({ echarts: () => import('./echarts-setup').then((m) => m.echarts) })],
    loadComponent: () => import('./finance-dashboard/finance-dashboard').then((m) => m.FinanceDashboard),
  },
];
