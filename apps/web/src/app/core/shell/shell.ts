import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, computed, inject, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatMenu, MatMenuItem, MatMenuTrigger } from '@angular/material/menu';
import { MatToolbarModule } from '@angular/material/toolbar';
import { NavigationEnd, Router, RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { filter, skip } from 'rxjs';
import type { Lang, Permission } from '@tremplin/contracts';
import { AuthService } from '../auth/auth.service';
import type { IconName } from '../icons/icons';
import { LanguageService } from '../i18n/language.service';
import { Notifier } from '../http/notifier.service';
import { VerifyBanner } from './verify-banner';

interface NavItem {
  path: string;
  label: string;
  icon: IconName;
  exact: boolean;
}

/** Navigation entries, each shown always, to anonymous users, or with a permission (never by role name). */
const NAV: ReadonlyArray<NavItem & { show: 'always' | 'anonymous' | Permission }> = [
  { path: '/', label: 'nav.calls', icon: 'campaign', exact: true, show: 'always' },
  { path: '/candidatures', label: 'nav.myApplications', icon: 'folder_open', exact: false, show: 'applications.own' },
  { path: '/mon-organisation', label: 'nav.organization', icon: 'apartment', exact: false, show: 'organizations.own' },
  { path: '/mes-conventions', label: 'conventions.nav.own', icon: 'description', exact: false, show: 'conventions.own' },
  { path: '/instruction', label: 'nav.instruction', icon: 'inventory', exact: false, show: 'applications.read-all' },
  { path: '/evaluations', label: 'reviewQueue.nav', icon: 'manage_search', exact: false, show: 'reviews.perform' },
  { path: '/admin/evaluations', label: 'reviewAdmin.nav', icon: 'how_to_reg', exact: false, show: 'reviews.manage' },
  { path: '/conventions', label: 'conventions.nav.manage', icon: 'description', exact: false, show: 'conventions.manage' },
  { path: '/admin/appels', label: 'nav.manageCalls', icon: 'edit_note', exact: false, show: 'calls.manage' },
  { path: '/admin/comptes', label: 'nav.accounts', icon: 'group', exact: false, show: 'users.manage' },
  { path: '/admin/courriels', label: 'nav.mails', icon: 'mail', exact: false, show: 'mails.read' },
  { path: '/admin/financeur', label: 'grantorPage.nav', icon: 'account_balance', exact: false, show: 'grantor.manage' },
  { path: '/finances', label: 'finance.nav', icon: 'bar_chart', exact: false, show: 'finance.read' },
  { path: '/audit', label: 'nav.audit', icon: 'fact_check', exact: false, show: 'audit.read' },
  { path: '/connexion', label: 'nav.login', icon: 'login', exact: false, show: 'anonymous' },
];

@Component({
  selector: 'tp-shell',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, MatToolbarModule, MatButtonModule, MatIconModule, MatMenu, MatMenuItem, MatMenuTrigger, TranslatePipe, VerifyBanner],
  templateUrl: './shell.html',
  styleUrl: './shell.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Shell {
  protected readonly auth = inject(AuthService);
  protected readonly language = inject(LanguageService);
  private readonly router = inject(Router);
  private readonly notifier = inject(Notifier);
  private readonly injector = inject(Injector);
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');

  protected readonly langs: ReadonlyArray<{ code: Lang; label: string; name: string }> = [
    { code: 'fr', label: 'FR', name: 'Français' },
    { code: 'en', label: 'EN', name: 'English' },
  ];

  protected readonly navItems = computed(() => {
    this.auth.user(); // re-evaluate on sign-in / sign-out
    const signedIn = this.auth.isAuthenticated();
    return NAV.filter((item) => {
      if (item.show === 'always') return true;
      if (item.show === 'anonymous') return !signedIn;
      return this.auth.hasPermission(item.show);
    });
  });

  constructor() {
    // After each in-app navigation (not the first load), screen readers start on the new content.
    this.router.events
      .pipe(
        filter((event) => event instanceof NavigationEnd),
        skip(1),
        takeUntilDestroyed(),
      )
      .subscribe(() => afterNextRender(() => this.main().nativeElement.focus({ preventScroll: true }), { injector: this.injector }));
  }

  protected skipToMain(event: Event): void {
    event.preventDefault();
    this.main().nativeElement.focus();
  }

  protected setLang(lang: Lang): void {
    this.language.use(lang).catch((error: unknown) => this.notifier.error(error));
  }

  protected logout(): void {
    this.auth.logout().subscribe(() => {
      void this.router.navigateByUrl('/');
    });
  }
}
