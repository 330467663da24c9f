import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { ReactiveFormsModule, type AbstractControl } from '@angular/forms';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { errorMessage } from '../../shared/forms/describe-errors';
import { LIMITS, type DeclarationGroup } from './application-form';

/** Step 5 (fields): the legal representative's declaration, as on the CERFA. */
@Component({
  selector: 'tp-declaration-step',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatCheckboxModule, TranslatePipe],
  template: `
    @let g = group();
    <h2>{{ 'wizard.steps.declaration' | translate }}</h2>
    <p>{{ 'declaration.intro' | translate }}</p>
    <div [formGroup]="g">
      <div class="form-row">
        <mat-form-field>
          <mat-label>{{ 'applicationFields.declarationFields.signatoryName' | translate }}</mat-label>
          <input matInput id="f-declaration-signatoryName" formControlName="signatoryName" autocomplete="name" [maxlength]="limits.signatory" />
          <mat-error>{{ msg(g.controls.signatoryName) }}</mat-error>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'applicationFields.declarationFields.signatoryFunction' | translate }}</mat-label>
          <input matInput id="f-declaration-signatoryFunction" formControlName="signatoryFunction" autocomplete="organization-title" [maxlength]="limits.signatory" />
          <mat-hint>{{ 'declaration.functionHint' | translate }}</mat-hint>
          <mat-error>{{ msg(g.controls.signatoryFunction) }}</mat-error>
        </mat-form-field>
      </div>
      <fieldset class="attestations">
        <legend>{{ 'declaration.legend' | translate }}</legend>
        <mat-checkbox id="f-declaration-accurate" formControlName="accurate">{{ 'declaration.accurate' | translate }}</mat-checkbox>
        <mat-checkbox id="f-declaration-obligationsMet" formControlName="obligationsMet">{{ 'declaration.obligationsMet' | translate }}</mat-checkbox>
        <mat-checkbox id="f-declaration-republicanCommitment" formControlName="republicanCommitment">
          {{ 'declaration.republicanCommitment' | translate }}
        </mat-checkbox>
      </fieldset>
      @if (incomplete()) {
        <p class="notice warn">{{ 'declaration.namesNeeded' | translate }}</p>
      }
    </div>
  `,
  styles: `
    .attestations {
      border: 1px solid #c4c7c5;
      border-radius: 4px;
      padding: 0.5rem 1rem;
      margin: 0.5rem 0 1rem;
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
    }
    legend {
      font-weight: 500;
      color: var(--tp-brand-dark);
      padding: 0 0.25rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DeclarationStep {
  readonly group = input.required<DeclarationGroup>();
  /** True when commitments are ticked but the signatory is not named yet (the declaration cannot be saved). */
  readonly incomplete = input(false);

  private readonly translate = inject(TranslateService);
  protected readonly limits = LIMITS;

  protected msg(control: AbstractControl): string {
    return control.errors ? errorMessage(control.errors, this.translate) : '';
  }
}
