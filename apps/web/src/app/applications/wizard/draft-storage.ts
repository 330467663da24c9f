import { DOCUMENT } from '@angular/common';
import { Injectable, inject } from '@angular/core';
import type { ApplicationFormValue } from './application-form';

export interface LocalDraft {
  /** When the copy was last written (ISO). */
  savedAt: string;
  /** Server version the copy was typed on. */
  baseVersion: number;
  value: ApplicationFormValue;
}

export const DRAFT_KEY_PREFIX = 'tremplin.applicationDraft.';

/**
 * Unsaved input, per application, in localStorage: written on every change and removed only once
 * the server has stored exactly that. A closed tab, a lost connection or a conflict loses nothing.
 */
@Injectable({ providedIn: 'root' })
export class DraftStorage {
  private readonly storage: Storage | null = (() => {
    try {
      return inject(DOCUMENT).defaultView?.localStorage ?? null;
    } catch {
      return null;
    }
  })();

  read(id: string): LocalDraft | null {
    try {
      const text = this.storage?.getItem(DRAFT_KEY_PREFIX + id);
      if (!text) return null;
      const draft = JSON.parse(text) as Partial<LocalDraft>;
      return typeof draft.savedAt === 'string' && typeof draft.baseVersion === 'number' && draft.value ? (draft as LocalDraft) : null;
    } catch {
      return null;
    }
  }

  write(id: string, draft: LocalDraft): void {
    try {
      this.storage?.setItem(DRAFT_KEY_PREFIX + id, JSON.stringify(draft));
    } catch {
      // Storage full or disabled: the server copy and the autosave remain.
    }
  }

  remove(id: string): void {
    try {
      this.storage?.removeItem(DRAFT_KEY_PREFIX + id);
    } catch {
      // nothing to do
    }
  }
}
