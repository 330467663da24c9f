import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { LanguageService } from '../core/i18n/language.service';
import { PUBLISHER } from './publisher';

/** Privacy notice (GDPR art. 13 and 14), kept whole per language. */
@Component({
  selector: 'tp-privacy-page',
  imports: [RouterLink],
  templateUrl: './privacy-page.html',
  styleUrl: './legal-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PrivacyPage {
  protected readonly language = inject(LanguageService);
  protected readonly publisher = PUBLISHER;
}
