import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { AuthService } from '../core/auth/auth.service';
import { LanguageService } from '../core/i18n/language.service';
import { PUBLISHER } from './publisher';

/** How to reach the Département: by post, by email, and from an application's own message thread. */
@Component({
  selector: 'tp-contact-page',
  imports: [RouterLink],
  templateUrl: './contact-page.html',
  styleUrl: './legal-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContactPage {
  protected readonly language = inject(LanguageService);
  protected readonly auth = inject(AuthService);
  protected readonly publisher = PUBLISHER;
}
