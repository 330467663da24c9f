import { computed, effect, inject, signal, untracked, type Signal } from '@angular/core';
import type { ApplicationView, AxisView } from '@tremplin/contracts';
import { LanguageService } from '../../core/i18n/language.service';
import { Notifier } from '../../core/http/notifier.service';
import { CallsApi } from '../calls/calls-api';
import { ApplicationsApi } from './applications-api';

/**
 * One application as a page shows it (association or staff side): the view, its call's axes for the
 * axis label, loading and error state; reloaded whenever `id` changes. Call in an injection context.
 */
export function loadedApplication(id: Signal<string>) {
  const api = inject(ApplicationsApi);
  const calls = inject(CallsApi);
  const notifier = inject(Notifier);
  const language = inject(LanguageService);
  const view = signal<ApplicationView | null>(null);
  const axes = signal<AxisView[]>([]);
  const loading = signal(false);
  const loadError = signal<string | null>(null);

  const load = (applicationId: string): void => {
    loading.set(true);
    loadError.set(null);
    api.get(applicationId).subscribe({
      next: (loaded) => {
        loading.set(false);
        view.set(loaded);
        // The axis label only: a failure here leaves the code shown instead.
        calls.get(loaded.callId).subscribe({ next: (call) => axes.set(call.axes), error: () => undefined });
      },
      error: (error: unknown) => {
        loading.set(false);
        loadError.set(notifier.messageOf(error));
      },
    });
  };
  effect(() => {
    const current = id();
    untracked(() => load(current));
  });

  const axisLabel = computed(() => {
    const current = view();
    const axis = axes().find((a) => a.code === current?.axisCode);
    return axis ? language.pick(axis) : (current?.axisCode ?? '');
  });
  return { view, axes, loading, loadError, axisLabel, load };
}
