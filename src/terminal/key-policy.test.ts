import { describe, expect, it } from 'vitest';
import { KeyPolicy, type KeyInfo } from './key-policy';

const key = (name: string, modifiers: Partial<KeyInfo> = {}): KeyInfo => ({ type: 'keydown', key: name, ctrlKey: false, metaKey: false, shiftKey: false, ...modifiers });

describe('KeyPolicy', () => {
  it('keeps Tab for completion, but lets Escape then Tab leave the terminal', () => {
    const policy = new KeyPolicy();
    expect(policy.route(key('Tab'), false)).toBe('terminal');
    expect(policy.route(key('Escape'), false)).toBe('terminal');
    expect(policy.route(key('Tab'), false)).toBe('browser');
    expect(policy.route(key('Tab'), false)).toBe('terminal');
  });

  it('forgets the Escape when another key comes between', () => {
    const policy = new KeyPolicy();
    policy.route(key('Escape'), false);
    policy.route(key('a'), false);
    expect(policy.route(key('Tab'), false)).toBe('terminal');
  });

  it('copies with Ctrl-C only when text is selected; otherwise Ctrl-C interrupts', () => {
    const policy = new KeyPolicy();
    expect(policy.route(key('c', { ctrlKey: true }), false)).toBe('terminal');
    expect(policy.route(key('c', { ctrlKey: true }), true)).toBe('copy');
    expect(policy.route(key('c', { metaKey: true }), true)).toBe('copy');
    expect(policy.route(key('C', { ctrlKey: true, shiftKey: true }), false)).toBe('copy');
  });

  it('leaves Ctrl+V to the browser so that it pastes', () => {
    expect(new KeyPolicy().route(key('v', { ctrlKey: true }), false)).toBe('browser');
  });

  it('routes key releases to the terminal untouched', () => {
    const policy = new KeyPolicy();
    policy.route(key('Escape'), false);
    expect(policy.route({ ...key('Tab'), type: 'keyup' }, false)).toBe('terminal');
  });
});
