import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { ReactiveFormsModule, type AbstractControl } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { TERRITORIES, TERRITORY_LABELS } from '@tremplin/contracts/organizations';
import { errorMessage } from '../forms/describe-errors';
import { LEGAL_FORMS, type OrganizationProfileGroup } from './organization-profile-form';

/** The organisation profile fields (sign-up and « Mon organisation »), grouped as on the CERFA. */
@Component({
  selector: 'tp-organization-profile-fields',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatSelectModule, TranslatePipe],
  templateUrl: './organization-profile-fields.html',
  styles: `
    fieldset {
      border: 1px solid #c4c7c5;
      border-radius: 4px;
      padding: 0.5rem 1rem 0.25rem;
      margin: 0 0 1rem;
    }
    legend {
      font-weight: 500;
      color: var(--tp-brand-dark);
      padding: 0 0.25rem;
    }
    .full {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrganizationProfileFields {
  readonly group = input.required<OrganizationProfileGroup>();
  /** Field ids are `${idPrefix}-${name}` (the error summary links to them). */
  readonly idPrefix = input('f-organization');
  /** Masked IBAN already stored: the IBAN field may stay empty to keep it. */
  readonly storedIban = input<string | null>(null);

  private readonly translate = inject(TranslateService);
  protected readonly legalForms = LEGAL_FORMS;
  protected readonly territories = TERRITORIES.map((code) => ({ code, label: TERRITORY_LABELS[code] }));

  protected id(name: string): string {
    return `${this.idPrefix()}-${name}`;
  }

  protected msg(control: AbstractControl): string {
    return control.errors ? errorMessage(control.errors, this.translate) : '';
  }
}
