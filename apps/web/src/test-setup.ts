// jest-preset-angular 17, zoneless like the app (provideZonelessChangeDetection).
// This import comes first: it loads @angular/compiler before any Angular library.
import { setupZonelessTestEnv } from 'jest-preset-angular/setup-env/zoneless';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';

setupZonelessTestEnv({
  errorOnUnknownElements: true,
  errorOnUnknownProperties: true,
  // Material animations off: dialogs and menus open and close at once in tests.
  extraProviders: [{ provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } }],
});
