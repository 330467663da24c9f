import { TestBed } from '@angular/core/testing';

/**
 * Lets a router navigation started by the test finish (list pages keep their query in the URL, so a
 * filter, a sort or a page change sends its request only once the URL has changed), then runs change
 * detection. Uses a real timer: call it with real timers.
 */
export async function afterNavigation(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  TestBed.tick();
}
