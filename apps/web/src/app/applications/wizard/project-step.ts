import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { ReactiveFormsModule, type AbstractControl, type FormArray } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import { TERRITORIES, TERRITORY_LABELS } from '@tremplin/contracts/organizations';
import { errorMessage } from '../../shared/forms/describe-errors';
import { LIMITS, indicatorGroup, partnerGroup, type ProjectGroup } from './application-form';

/** Step 2: the project — objectives, activities, public, territories, start, partners, indicators. */
@Component({
  selector: 'tp-project-step',
  imports: [ReactiveFormsModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatButtonModule, MatIconModule, TranslatePipe],
  templateUrl: './project-step.html',
  styleUrl: './project-step.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProjectStep {
  readonly group = input.required<ProjectGroup>();
  readonly years = input.required<readonly number[]>();

  private readonly translate = inject(TranslateService);
  protected readonly limits = LIMITS;
  protected readonly territories = TERRITORIES.map((code) => ({ code, label: TERRITORY_LABELS[code] }));

  protected msg(control: AbstractControl): string {
    return control.errors ? errorMessage(control.errors, this.translate) : '';
  }

  /** The per-year message shows once one of the year inputs has been left. */
  protected perYearError(array: FormArray): string | null {
    if (!array.hasError('perYear') || !array.controls.some((c) => c.touched)) return null;
    return this.msg(array);
  }

  protected addPartner(): void {
    this.group().controls.partners.push(partnerGroup());
  }

  protected removePartner(index: number): void {
    this.group().controls.partners.removeAt(index);
  }

  protected addIndicator(): void {
    this.group().controls.indicators.push(indicatorGroup(this.years().length));
  }

  protected removeIndicator(index: number): void {
    this.group().controls.indicators.removeAt(index);
  }
}
