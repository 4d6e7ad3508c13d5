import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../session/clock';
import type { ReadOptions } from '../session/types';
import { asEndpoint } from '../testing/node-helpers';
import { RecordingTerminal } from '../testing/transcript';
import { RemoteSession } from './client';
import { serveSession } from './serve';

const channels: MessageChannel[] = [];
afterEach(() => {
  for (const channel of channels.splice(0)) {
    channel.port1.close();
    channel.port2.close();
  }
});

/** Records how each line was asked for, besides answering it. */
class OptionsRecordingTerminal extends RecordingTerminal {
  readonly options: Array<ReadOptions | undefined> = [];

  override async readLine(prompt: string, options?: ReadOptions): Promise<string | null> {
    this.options.push(options);
    return super.readLine(prompt, options);
  }
}

describe('a secret read over the worker protocol', () => {
  it('reaches the page with echo off, and the terminal shows the prompt without the answer', async () => {
    const channel = new MessageChannel();
    channels.push(channel);
    serveSession(asEndpoint(channel.port2), { clock: new ManualClock(Date.UTC(2026, 0, 1)) });
    const remote = new RemoteSession(asEndpoint(channel.port1));
    const terminal = new OptionsRecordingTerminal(['layerlab-password']);
    expect(await remote.run('docker login -u learner', terminal)).toBe(0);
    expect(terminal.prompts).toEqual(['Password: ']);
    expect(terminal.options).toEqual([{ echo: false }]);
    expect(terminal.output).toContain('Password: \n');
    expect(terminal.output).not.toContain('layerlab-password');
    expect(terminal.output).toContain('Login Succeeded\n');
  });
});
