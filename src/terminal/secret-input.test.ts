import { describe, expect, it } from 'vitest';
import { SecretInput } from './secret-input';

describe('SecretInput', () => {
  it('collects a line until Enter and gives back what was typed after it', () => {
    const input = new SecretInput();
    expect(input.feed('pass')).toEqual({ rest: '' });
    expect(input.feed('word\rdocker ps\r')).toEqual({ action: { type: 'submit', line: 'password' }, rest: 'docker ps\r' });
  });

  it('edits the hidden line with Backspace and Ctrl-U, and ignores escape sequences', () => {
    const input = new SecretInput();
    expect(input.feed('abx\x7fc\x1b[D\x1bOA\r')).toEqual({ action: { type: 'submit', line: 'abc' }, rest: '' });
    const cleared = new SecretInput();
    expect(cleared.feed('wrong\x15right\r\n')).toEqual({ action: { type: 'submit', line: 'right' }, rest: '' });
  });

  it('ends with end of input on Ctrl-D only on an empty line, and cancels on Ctrl-C', () => {
    expect(new SecretInput().feed('\x04')).toEqual({ action: { type: 'eof' }, rest: '' });
    expect(new SecretInput().feed('ab\x04c\r')).toEqual({ action: { type: 'submit', line: 'abc' }, rest: '' });
    expect(new SecretInput().feed('ab\x03cd')).toEqual({ action: { type: 'cancel' }, rest: '' });
  });
});
