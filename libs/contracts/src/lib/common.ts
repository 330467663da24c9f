export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
export interface HealthView {
  status: 'ok' | 'degraded';
  database: 'up' | 'down';
  version: string;
  time: string;
}
