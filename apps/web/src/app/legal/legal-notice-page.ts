import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { LanguageService } from '../core/i18n/language.service';
import { PUBLISHER } from './publisher';

/** Mentions légales (loi n° 2004-575 du 21 juin 2004, art. 6), kept whole per language like the accessibility statement. */
@Component({
  selector: 'tp-legal-notice-page',
  imports: [RouterLink],
  templateUrl: './legal-notice-page.html',
  styleUrl: './legal-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LegalNoticePage {
  protected readonly language = inject(LanguageService);
  protected readonly publisher = PUBLISHER;
}
