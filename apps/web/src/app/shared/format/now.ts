import { DestroyRef, inject, signal, type Signal } from '@angular/core';

/** Current time as a signal, refreshed every minute (countdowns). Call in an injection context. */
export function injectNow(periodMs = 60_000): Signal<Date> {
  const now = signal(new Date());
  const timer = setInterval(() => now.set(new Date()), periodMs);
  inject(DestroyRef).onDestroy(() => clearInterval(timer));
  return now.asReadonly();
}
