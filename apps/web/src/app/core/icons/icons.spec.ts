import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatIconModule } from '@angular/material/icon';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ICONS } from './icons';
import { provideIcons } from './provide-icons';

const appDir = join(__dirname, '..', '..');
const workspace = join(appDir, '..', '..', '..', '..');
const svgDir = join(workspace, 'node_modules', '@material-symbols', 'svg-400', 'outlined');

function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    // This folder only describes icons (its comments and tests name some); it does not use them.
    if (entry.isDirectory()) return path === __dirname ? [] : sources(path);
    return /\.(html|ts)$/.test(entry.name) ? [path] : [];
  });
}
const files = sources(appDir).map((path) => ({ path: relative(appDir, path), text: readFileSync(path, 'utf8') }));

/** Every `<mat-icon …>` element of the templates (HTML files and inline templates). */
const iconElements = files.flatMap(({ path, text }) =>
  [...text.matchAll(/<mat-icon\b([^>]*?)(\/>|>([\s\S]*?)<\/mat-icon>)/g)].map((m) => ({ path, attributes: m[1] ?? '', content: (m[3] ?? '').trim() })),
);

describe('icons', () => {
  it('finds the icons of the templates', () => {
    expect(iconElements.length).toBeGreaterThan(100);
  });

  it('uses no ligature icon: each <mat-icon> names an SVG icon and has no text (the icon font is gone)', () => {
    const wrong = iconElements
      .filter((e) => e.content !== '' || !/(\[svgIcon\]|\bsvgIcon)="/.test(e.attributes))
      .map((e) => `${e.path}: <mat-icon${e.attributes}>${e.content} — write <mat-icon svgIcon="name" />`);
    expect(wrong).toEqual([]);
  });

  it('registers every icon a template names, static or in a binding', () => {
    const used = iconElements.flatMap((e) => {
      const fixed = /\bsvgIcon="([^"]*)"/.exec(e.attributes.replace(/\[svgIcon\]="[^"]*"/, ''));
      const bound = /\[svgIcon\]="([^"]*)"/.exec(e.attributes);
      // In a binding, the names are the literals it can evaluate to: `a ? 'x' : 'y'` (not `c === 'X'`).
      const names = fixed ? [fixed[1] ?? ''] : [...(bound?.[1] ?? '').matchAll(/(?:^|[?:])\s*'([^']*)'/g)].map((m) => m[1] ?? '');
      return names.map((name) => ({ path: e.path, name }));
    });
    expect(used.length).toBeGreaterThan(100);
    const missing = used.filter(({ name }) => !(name in ICONS)).map(({ path, name }) => `${path}: ${name} — run node tools/generate-icons.mjs ${name}`);
    expect(missing).toEqual([]);
  });

  it('ships only icons the app uses', () => {
    const unused = Object.keys(ICONS).filter((name) => !files.some(({ text }) => text.includes(`'${name}'`) || text.includes(`"${name}"`)));
    expect(unused).toEqual([]);
  });

  it('holds the SVG files of @material-symbols/svg-400 (outlined) unchanged', () => {
    expect(Object.keys(ICONS).length).toBeGreaterThan(50);
    for (const [name, svg] of Object.entries(ICONS)) {
      expect({ name, svg }).toEqual({ name, svg: readFileSync(join(svgDir, `${name}.svg`), 'utf8').trim() });
    }
  });

  it('renders <mat-icon svgIcon> as inline SVG, with no text', () => {
    @Component({
      imports: [MatIconModule],
      template: '<mat-icon svgIcon="error" aria-hidden="true" /><mat-icon [svgIcon]="name" aria-hidden="true" />',
      changeDetection: ChangeDetectionStrategy.OnPush,
    })
    class Host {
      name = 'lock_open';
    }
    TestBed.configureTestingModule({ providers: [provideIcons()] });
    const fixture = TestBed.createComponent(Host);
    fixture.detectChanges();
    const icons = Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('mat-icon'));
    expect(icons.map((icon) => icon.textContent)).toEqual(['', '']);
    expect(icons.map((icon) => icon.querySelector('svg path')?.getAttribute('d')?.slice(0, 24))).toEqual([
      'M503.5-289.48q9.5-9.48 9',
      'M220-634h390v-96q0-54.17',
    ]);
  });
});
