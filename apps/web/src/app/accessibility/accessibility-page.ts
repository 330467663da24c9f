import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { LanguageService } from '../core/i18n/language.service';

/**
 * Accessibility statement (RGAA 4.1 model). The legal text is kept whole per language rather
 * than cut into translation keys, so each version reads as one document.
 */
@Component({
  selector: 'tp-accessibility-page',
  templateUrl: './accessibility-page.html',
  styles: `
    .statement {
      max-width: 52rem;
    }
    address {
      font-style: normal;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccessibilityPage {
  protected readonly language = inject(LanguageService);
  protected readonly contactEmail = 'accessibilite@demo.tremplin.fr';
}
