import { DestroyRef, Injectable, inject, signal } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import type { ApplicationView } from '@tremplin/contracts';
import type { Subscription } from 'rxjs';
import { httpStatusOf, readApiError } from '../../core/http/api-error';
import { Notifier } from '../../core/http/notifier.service';
import { ApplicationsApi } from '../../shared/applications/applications-api';
import { toDraftUpdate, type ApplicationFormValue } from './application-form';
import { ConflictDialog, type ConflictChoice } from './conflict-dialog';
import { DraftStorage } from './draft-storage';

export type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date; blockedSteps: number[] }
  | { kind: 'reloaded'; at: Date }
  | { kind: 'error'; message: string }
  | { kind: 'conflict' };

export interface AutosaveConfig {
  id: string;
  /** The version the form was loaded at. */
  version: number;
  /** Current form values. */
  value: () => ApplicationFormValue;
  /** The server stored a save: refresh what derives from its answer (missing items, totals…), not the form. */
  saved: (view: ApplicationView) => void;
  /** The person chose the server's version after a conflict: put it in the form. */
  reloaded: (view: ApplicationView) => void;
  /** The server refused a save with field details (400). */
  invalid: (error: unknown) => void;
}

/**
 * Autosave of a draft: ~1.5 s after the last change (or at once on `flush`), with the `version`
 * read; each change is first copied to localStorage and the copy is dropped only once the server
 * holds exactly that input. A stale version opens a dialog: reload the stored version, or keep the
 * local copy and save it over the fresh one.
 */
@Injectable()
export class DraftAutosave {
  static readonly DEBOUNCE_MS = 1500;

  private readonly api = inject(ApplicationsApi);
  private readonly dialog = inject(MatDialog);
  private readonly storage = inject(DraftStorage);
  private readonly notifier = inject(Notifier);

  private readonly state = signal<SaveStatus>({ kind: 'idle' });
  readonly status = this.state.asReadonly();

  private config: AutosaveConfig | null = null;
  private version = 0;
  /** Bumped on each change; `savedRevision` is the last one the server stored whole. */
  private revision = 0;
  private savedRevision = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Subscription | null = null;
  private again = false;
  private quiet = false;
  private conflictOpen = false;
  private waiters: Array<(allSaved: boolean) => void> = [];

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      // Leaving the page: send what is pending (the local copy stays until it is stored).
      if (this.timer !== null) this.saveNow();
      this.clearTimer();
    });
  }

  connect(config: AutosaveConfig): void {
    this.config = config;
    this.version = config.version;
    this.revision = 0;
    this.savedRevision = 0;
    this.state.set({ kind: 'idle' });
  }

  /** The version the next save will carry. */
  currentVersion(): number {
    return this.version;
  }

  /** After another write (submission, withdrawal…) answered with a new version. */
  setVersion(version: number): void {
    this.version = version;
  }

  hasUnsavedChanges(): boolean {
    return this.revision !== this.savedRevision;
  }

  /** Runs `apply` (putting server values in the form) without counting it as a change. */
  quietly(apply: () => void): void {
    this.quiet = true;
    try {
      apply();
    } finally {
      this.quiet = false;
    }
  }

  /** The form changed: keep a local copy now, save after the pause. */
  changed(): void {
    const config = this.config;
    if (this.quiet || !config) return;
    this.revision++;
    this.storage.write(config.id, { savedAt: new Date().toISOString(), baseVersion: this.version, value: config.value() });
    this.state.set({ kind: 'pending' });
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      this.saveNow();
    }, DraftAutosave.DEBOUNCE_MS);
  }

  /** Saves pending changes now (step change, before submitting). Resolves true once everything typed is stored. */
  flush(): Promise<boolean> {
    if (!this.hasUnsavedChanges() && !this.inFlight) return Promise.resolve(this.state().kind !== 'error');
    const done = new Promise<boolean>((resolve) => this.waiters.push(resolve));
    this.clearTimer();
    this.saveNow();
    return done;
  }

  /** Retry after a failure. */
  retry(): void {
    this.clearTimer();
    this.saveNow();
  }

  private saveNow(): void {
    const config = this.config;
    if (!config) return;
    if (this.inFlight) {
      this.again = true;
      return;
    }
    const revision = this.revision;
    const { body, blockedSteps } = toDraftUpdate(config.value());
    this.state.set({ kind: 'saving' });
    this.inFlight = this.api.update(config.id, { ...body, version: this.version }).subscribe({
      next: (view) => {
        this.inFlight = null;
        this.version = view.version;
        const complete = blockedSteps.length === 0;
        if (complete) this.savedRevision = revision;
        if (complete && revision === this.revision) this.storage.remove(config.id);
        else this.storage.write(config.id, { savedAt: new Date().toISOString(), baseVersion: this.version, value: config.value() });
        this.state.set({ kind: 'saved', at: new Date(), blockedSteps });
        config.saved(view);
        if (this.again) {
          this.again = false;
          this.saveNow();
        } else if (this.timer === null) {
          this.settle(complete && revision === this.revision);
        }
      },
      error: (error: unknown) => {
        this.inFlight = null;
        this.again = false;
        if (readApiError(error)?.code === 'STALE_VERSION') {
          this.state.set({ kind: 'conflict' });
          this.settle(false);
          this.openConflict(config);
          return;
        }
        this.state.set({ kind: 'error', message: this.notifier.messageOf(error) });
        if (httpStatusOf(error) === 400) config.invalid(error);
        this.settle(false);
      },
    });
  }

  private openConflict(config: AutosaveConfig): void {
    if (this.conflictOpen) return;
    this.conflictOpen = true;
    this.dialog
      .open<ConflictDialog, void, ConflictChoice>(ConflictDialog, { disableClose: true, width: '36rem', role: 'alertdialog' })
      .afterClosed()
      .subscribe((choice) => {
        this.conflictOpen = false;
        this.api.get(config.id).subscribe({
          next: (view) => {
            this.version = view.version;
            if (choice === 'reload') {
              this.storage.remove(config.id);
              this.quietly(() => config.reloaded(view));
              this.savedRevision = this.revision;
              this.state.set({ kind: 'reloaded', at: new Date() });
            } else {
              // Keep mine: the same input, saved on top of the version just read.
              this.saveNow();
            }
          },
          error: (error: unknown) => this.state.set({ kind: 'error', message: this.notifier.messageOf(error) }),
        });
      });
  }

  private settle(allSaved: boolean): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve(allSaved);
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
