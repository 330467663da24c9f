import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule, type FormControl } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { startWith, switchMap } from 'rxjs';
import { errorMessage } from './describe-errors';
import { PASSWORD_MIN_LENGTH, passwordStrength } from './password-strength';

const LEVEL: Record<ReturnType<typeof passwordStrength>, number> = { empty: 0, tooShort: 1, weak: 1, fair: 2, good: 3 };

/** A new password (≥ 12 characters) with a show/hide toggle and a strength hint in words. */
@Component({
  selector: 'tp-password-field',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatButtonModule, MatIconModule, TranslatePipe],
  template: `
    <mat-form-field class="full">
      <mat-label>{{ label() | translate }}</mat-label>
      <input
        matInput
        [id]="fieldId()"
        [type]="visible() ? 'text' : 'password'"
        [formControl]="control()"
        autocomplete="new-password"
        required
        [attr.aria-describedby]="fieldId() + '-strength'"
      />
      <button
        mat-icon-button
        matSuffix
        type="button"
        (click)="visible.set(!visible())"
        [attr.aria-pressed]="visible()"
        [attr.aria-label]="'login.showPassword' | translate"
      >
        <mat-icon [svgIcon]="visible() ? 'visibility_off' : 'visibility'" aria-hidden="true" />
      </button>
      <mat-hint>{{ 'password.hint' | translate: { min: min } }}</mat-hint>
      <mat-error>{{ message() }}</mat-error>
    </mat-form-field>
    <div class="strength" [attr.data-level]="level()">
      <span class="meter" aria-hidden="true"><span class="fill"></span></span>
      <span [id]="fieldId() + '-strength'" aria-live="polite">{{ 'password.strength.' + strength() | translate }}</span>
    </div>
  `,
  styles: `
    .full {
      width: 100%;
    }
    .strength {
      display: flex;
      align-items: center;
      gap: 0.75rem;
      margin: -0.25rem 0 0.75rem;
      font-size: 0.875rem;
      color: var(--tp-text-muted);
    }
    .meter {
      width: 8rem;
      height: 0.5rem;
      border: 1px solid var(--tp-border);
      border-radius: 4px;
      overflow: hidden;
    }
    .fill {
      display: block;
      height: 100%;
      width: 0;
    }
    [data-level='1'] .fill {
      width: 33%;
      background: var(--tp-error);
    }
    [data-level='2'] .fill {
      width: 66%;
      background: var(--tp-warn);
    }
    [data-level='3'] .fill {
      width: 100%;
      background: var(--tp-ok);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PasswordField {
  readonly control = input.required<FormControl<string>>();
  readonly fieldId = input('f-password');
  /** Translation key of the label (« Nouveau mot de passe » where a current one is also asked). */
  readonly label = input('password.label');

  private readonly translate = inject(TranslateService);
  protected readonly min = PASSWORD_MIN_LENGTH;
  protected readonly visible = signal(false);
  private readonly value = toSignal(toObservable(this.control).pipe(switchMap((c) => c.valueChanges.pipe(startWith(c.value)))), { initialValue: '' });
  private readonly events = toSignal(toObservable(this.control).pipe(switchMap((c) => c.events.pipe(startWith(null)))));
  protected readonly strength = computed(() => passwordStrength(this.value()));
  protected readonly level = computed(() => LEVEL[this.strength()]);
  protected readonly message = computed(() => {
    this.events();
    const errors = this.control().errors;
    return errors ? errorMessage(errors, this.translate) : '';
  });
}
