import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../simulator/daemon/events';
import type { LineOutcome, Session } from '../../simulator/session/types';
import { lineLogOf } from './line-log';

function fakeSession(): { session: Session; finish(outcome: LineOutcome): void } {
  const listeners = new Set<(outcome: LineOutcome) => void>();
  const session = {
    onLineFinished: (listener: (outcome: LineOutcome) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as unknown as Session;
  return { session, finish: (outcome) => listeners.forEach((listener) => listener(outcome)) };
}

const event = (id: number): EngineEvent => ({ id, time: 0, type: 'image.tagged', imageId: 'sha256:x', ref: 'a:1' }) as EngineEvent;

describe('the line log', () => {
  it('remembers which line caused which events, each run of a line apart, one log per session', () => {
    const { session, finish } = fakeSession();
    const log = lineLogOf(session);
    expect(lineLogOf(session)).toBe(log);
    const seen: number[] = [];
    log.subscribe((lines) => seen.push(lines.size));
    finish({ line: 'docker tag a b', status: 0, events: [event(1), event(2)], restored: false });
    finish({ line: 'echo hi', status: 0, events: [], restored: false });
    finish({ line: 'docker tag a b', status: 0, events: [event(3)], restored: false });
    expect([...log.lines]).toEqual([
      [1, { run: 1, text: 'docker tag a b' }],
      [2, { run: 1, text: 'docker tag a b' }],
      [3, { run: 2, text: 'docker tag a b' }],
    ]);
    expect(seen).toEqual([2, 3]);
  });
});
