// jest-preset-angular 17, zoneless like the app (provideZonelessChangeDetection).
// This import comes first: it loads @angular/compiler before any Angular library.
import { setupZonelessTestEnv } from 'jest-preset-angular/setup-env/zoneless';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { TestBed } from '@angular/core/testing';
import { provideIcons } from './app/core/icons/provide-icons';

setupZonelessTestEnv({
  errorOnUnknownElements: true,
  errorOnUnknownProperties: true,
  // Material animations off: dialogs and menus open and close at once in tests.
  extraProviders: [{ provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } }],
});

// Every test renders icons as the app does: inline SVG registered at start-up.
beforeEach(() => {
  TestBed.configureTestingModule({ providers: [provideIcons()] });
});
