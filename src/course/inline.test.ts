import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inlineSegments, plainText } from './inline';

describe('inline marks', () => {
  it('finds code, emphasis and strong text between plain text', () => {
    expect(inlineSegments('Run `docker pull alpine`, then *look* at **it**.')).toEqual([
      { kind: 'text', text: 'Run ' },
      { kind: 'code', text: 'docker pull alpine' },
      { kind: 'text', text: ', then ' },
      { kind: 'em', text: 'look' },
      { kind: 'text', text: ' at ' },
      { kind: 'strong', text: 'it' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('keeps markup-looking text as text, and a stray mark as it is', () => {
    expect(inlineSegments('<img src=x onerror=alert(1)> a * b `c')).toEqual([{ kind: 'text', text: '<img src=x onerror=alert(1)> a * b `c' }]);
    expect(inlineSegments('`{{.Server.Version}}`')).toEqual([{ kind: 'code', text: '{{.Server.Version}}' }]);
  });

  it('never loses or invents text: without marks the segments join back to the source', () => {
    fc.assert(
      fc.property(fc.string(), (source) => {
        const joined = inlineSegments(source).map((segment) => segment.text).join('');
        const marks = (source.match(/[`*]/g) ?? []).length;
        expect(joined.length).toBeGreaterThanOrEqual(source.length - marks);
        expect(plainText(source)).toBe(joined);
        if (!/[`*]/.test(source)) expect(joined).toBe(source);
      }),
    );
  });
});
