import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatExpansionModule } from '@angular/material/expansion';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatTableModule } from '@angular/material/table';
import { TranslatePipe, TranslateService } from '@ngx-translate/core';
import type { Role, UserAdminView } from '@tremplin/contracts';
import { ROLES } from '@tremplin/contracts/roles';
import { filter } from 'rxjs';
import { AuthService } from '../core/auth/auth.service';
import { LanguageService } from '../core/i18n/language.service';
import { CountPipe } from '../shared/format/count.pipe';
import { Notifier } from '../core/http/notifier.service';
import { ConfirmDialog, type ConfirmDialogData } from '../shared/confirm-dialog/confirm-dialog';
import { ParisDatePipe } from '../shared/format/paris-date.pipe';
import { bindFilter, pagedList, SEARCH_DEBOUNCE_MS } from '../shared/paged-list/paged-list';
import { CreateAccountForm } from './create-account-form';
import { AccountsApi, type UserQuery } from './accounts-api';

@Component({
  selector: 'tp-accounts-page',
  imports: [
    CountPipe,
    ReactiveFormsModule,
    MatTableModule,
    MatPaginatorModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatButtonModule,
    MatIconModule,
    MatExpansionModule,
    MatProgressBarModule,
    TranslatePipe,
    ParisDatePipe,
    CreateAccountForm,
  ],
  templateUrl: './accounts-page.html',
  styleUrl: './accounts-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccountsPage {
  private readonly api = inject(AccountsApi);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly translate = inject(TranslateService);
  protected readonly auth = inject(AuthService);
  protected readonly language = inject(LanguageService);

  protected readonly roles = ROLES;
  protected readonly columns = ['fullName', 'email', 'role', 'organization', 'status', 'lastLogin', 'actions'];
  protected readonly search = new FormControl('', { nonNullable: true });
  protected readonly roleFilter = new FormControl<Role | ''>('', { nonNullable: true });
  protected readonly busyId = signal<string | null>(null);

  /** Paging, filters in the URL, loading and error states: the one list helper. */
  protected readonly list = pagedList<UserQuery, UserAdminView>(
    { q: '', role: '', page: 1, pageSize: 25 },
    (query) => this.api.list(query),
  );

  constructor() {
    bindFilter(this.list, 'q', this.search, SEARCH_DEBOUNCE_MS);
    bindFilter(this.list, 'role', this.roleFilter);
  }

  protected toggleActive(user: UserAdminView): void {
    const activate = !user.active;
    const prefix = activate ? 'accounts.reactivateDialog' : 'accounts.deactivateDialog';
    const data: ConfirmDialogData = {
      title: this.translate.instant(`${prefix}.title`) as string,
      message: this.translate.instant(`${prefix}.message`, { name: user.fullName, email: user.email }) as string,
      confirm: this.translate.instant(activate ? 'accounts.reactivate' : 'accounts.deactivate') as string,
      cancel: this.translate.instant('common.cancel') as string,
    };
    this.dialog
      .open<ConfirmDialog, ConfirmDialogData, boolean>(ConfirmDialog, { data, width: '32rem' })
      .afterClosed()
      .pipe(filter((confirmed) => confirmed === true))
      .subscribe(() => {
        this.busyId.set(user.id);
        this.api.setActive(user.id, activate).subscribe({
          next: (updated) => {
            this.busyId.set(null);
            this.notifier.success(
              this.translate.instant(activate ? 'accounts.reactivated' : 'accounts.deactivated', { email: updated.email }) as string,
            );
            this.list.reload();
          },
          error: (error: unknown) => {
            this.busyId.set(null);
            this.notifier.error(error);
          },
        });
      });
  }

  protected onCreated(): void {
    this.list.reload();
  }
}
