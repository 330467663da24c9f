import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { InstallmentView } from '@tremplin/contracts';
import { catchError, of } from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { Notifier } from '../../core/http/notifier.service';
import { LanguageService } from '../../core/i18n/language.service';
import { CallsApi } from '../../shared/calls/calls-api';
import { CountPipe } from '../../shared/format/count.pipe';
import { EurosPipe } from '../../shared/format/euros.pipe';
import { ParisDatePipe } from '../../shared/format/paris-date.pipe';
import { bindFilter, pagedList } from '../../shared/paged-list/paged-list';
import { ConventionsApi, type InstallmentQuery } from '../conventions-api';
import { PaymentDialog, type PaymentDialogData } from '../dialogs/payment-dialog';

/** Status filters of the worklist: '' is the API's default (due, then planned). */
const STATUS_CHOICES = ['', 'due', 'planned', 'paid', 'cancelled'] as const;

/** « Échéances »: finance's worklist of installments, due first, with « Enregistrer un paiement » from the row. */
@Component({
  selector: 'tp-installments-page',
  imports: [
    ReactiveFormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, MatPaginatorModule,
    MatProgressBarModule, MatSelectModule, TranslatePipe, CountPipe, EurosPipe, ParisDatePipe,
  ],
  templateUrl: './installments-page.html',
  styleUrl: './installments-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InstallmentsPage {
  private readonly api = inject(ConventionsApi);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly translate = inject(TranslateService);
  protected readonly language = inject(LanguageService);
  protected readonly canPay = inject(AuthService).hasPermission('payments.record');
  protected readonly statusChoices = STATUS_CHOICES;
  protected readonly calls = toSignal(inject(CallsApi).list().pipe(catchError(() => of([]))), { initialValue: [] });

  protected readonly callId = new FormControl('', { nonNullable: true });
  protected readonly status = new FormControl('', { nonNullable: true });
  protected readonly dueBefore = new FormControl('', { nonNullable: true });

  protected readonly list = pagedList<InstallmentQuery, InstallmentView>(
    { callId: '', axisCode: '', status: '', dueBefore: '', page: 1, pageSize: 25 },
    (query) => this.api.worklist(query),
  );

  constructor() {
    bindFilter(this.list, 'callId', this.callId);
    bindFilter(this.list, 'status', this.status);
    bindFilter(this.list, 'dueBefore', this.dueBefore);
  }

  protected remaining(installment: InstallmentView): number {
    return Math.max(0, installment.amountCents - installment.paidCents);
  }

  protected pay(installment: InstallmentView): void {
    const data: PaymentDialogData = { installment, pay: (body, key) => this.api.pay(installment.id, body, key) };
    this.dialog
      .open(PaymentDialog, { data, width: '34rem', maxWidth: '95vw' })
      .afterClosed()
      .subscribe((recorded) => {
        if (!recorded) return;
        this.notifier.success(this.translate.instant(recorded.replayed ? 'conventions.payment.replayed' : 'conventions.payment.done') as string);
        this.list.reload();
      });
  }
}
