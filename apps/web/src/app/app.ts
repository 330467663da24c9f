import { ChangeDetectionStrategy, Component } from '@angular/core';
import { Shell } from './core/shell/shell';

@Component({
  selector: 'tp-root',
  imports: [Shell],
  template: '<tp-shell />',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {}
