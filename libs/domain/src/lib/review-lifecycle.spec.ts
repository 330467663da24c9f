import { reviewLifecycle } from './review-lifecycle';
import { IllegalTransitionError } from './state-machine';

describe('review lifecycle', () => {
  it('saves drafts, submits once, then only revises', () => {
    expect(reviewLifecycle.next('none', 'save_draft')).toBe('draft');
    expect(reviewLifecycle.next('draft', 'save_draft')).toBe('draft');
    expect(reviewLifecycle.next('draft', 'submit')).toBe('submitted');
    expect(reviewLifecycle.next('none', 'submit')).toBe('submitted');
    expect(reviewLifecycle.next('submitted', 'revise')).toBe('submitted');
    expect(reviewLifecycle.actionsFrom('submitted')).toEqual(['revise']);
  });

  it('refuses a draft or a second submission over a submitted review, and a revision of a draft', () => {
    expect(() => reviewLifecycle.next('submitted', 'save_draft')).toThrow(IllegalTransitionError);
    expect(() => reviewLifecycle.next('submitted', 'submit')).toThrow(IllegalTransitionError);
    expect(() => reviewLifecycle.next('draft', 'revise')).toThrow(IllegalTransitionError);
    expect(() => reviewLifecycle.next('none', 'revise')).toThrow(IllegalTransitionError);
  });
});
