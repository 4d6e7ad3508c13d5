import { Terminal } from '@xterm/headless';
import { describe, expect, it } from 'vitest';
import { createSession, systemClock, type Session } from '../../simulator';
import { TerminalController } from './controller';

/** A controller over a real in-process session, drawing on a headless xterm. */
function setup(session: Session = createSession({ clock: systemClock }), history: string[] = []) {
  const term = new Terminal({ cols: 60, rows: 30, allowProposedApi: true, convertEol: true });
  const saved: string[][] = [];
  const controller = new TerminalController(
    { cols: 60, write: (data) => new Promise((resolve) => term.write(data, resolve)) },
    session,
    { history, onHistoryChange: (entries) => saved.push([...entries]) },
  );
  const screen = (): string => {
    const buffer = term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i)?.translateToString(true) ?? '');
    return lines.join('\n').replace(/\n+$/, '');
  };
  const waitFor = async (pattern: RegExp, timeout = 3000): Promise<void> => {
    const deadline = Date.now() + timeout;
    while (!pattern.test(screen())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; screen:\n${screen()}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  return { controller, screen, waitFor, saved };
}

const PROMPT = 'learner@layerlab:~$ ';

describe('TerminalController', () => {
  it('shows the prompt, runs a line and shows the next prompt', async () => {
    const { controller, screen, waitFor } = setup();
    await controller.start();
    expect(screen()).toBe(PROMPT);
    controller.input('echo hello\r');
    await waitFor(/hello\nlearner@layerlab:~\$ $/);
    expect(screen()).toBe(`${PROMPT}echo hello\nhello\n${PROMPT}`);
  });

  it('reports accepted lines for persistence', async () => {
    const { controller, waitFor, saved } = setup(undefined, ['echo old']);
    await controller.start();
    controller.input('echo new\r');
    await waitFor(/new\nlearner/);
    expect(saved.at(-1)).toEqual(['echo old', 'echo new']);
  });

  it('holds keys typed while a command runs and replays them at the next prompt', async () => {
    const { controller, screen, waitFor } = setup();
    await controller.start();
    controller.input('sleep 0.2\r');
    controller.input('echo queued\r');
    await controller.flushed();
    expect(screen()).toBe(`${PROMPT}sleep 0.2`);
    await waitFor(/queued\nlearner@layerlab:~\$ $/);
    expect(screen()).toBe(`${PROMPT}sleep 0.2\n${PROMPT}echo queued\nqueued\n${PROMPT}`);
  });

  it('runs the lines of a multi-line paste in order', async () => {
    const { controller, screen, waitFor } = setup();
    await controller.start();
    controller.input('echo one\rsleep 0.1\recho two\r');
    await waitFor(/two\nlearner@layerlab:~\$ $/);
    expect(screen()).toBe(`${PROMPT}echo one\none\n${PROMPT}sleep 0.1\n${PROMPT}echo two\ntwo\n${PROMPT}`);
  });

  it('interrupts a running command with Ctrl-C, drops type-ahead, and sets $? to 130', async () => {
    const { controller, screen, waitFor } = setup();
    await controller.start();
    controller.input('sleep 60\r');
    controller.input('echo never\r');
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.input('\x03');
    await waitFor(/\^C\nlearner@layerlab:~\$ $/);
    // As in a real terminal: Enter moved to a new line, where the tty echoes ^C.
    expect(screen()).toBe(`${PROMPT}sleep 60\n^C\n${PROMPT}`);
    controller.input('echo $?\r');
    await waitFor(/130\nlearner/);
  });

  it('Ctrl-C on the prompt cancels the line without running it', async () => {
    const { controller, screen, waitFor } = setup();
    await controller.start();
    controller.input('echo half');
    controller.input('\x03');
    await waitFor(/\^C\nlearner@layerlab:~\$ $/);
    expect(screen()).toBe(`${PROMPT}echo half^C\n${PROMPT}`);
  });

  it('answers a command that reads a line, and Ctrl-D there ends its input', async () => {
    const { controller, screen, waitFor } = setup();
    await controller.start();
    controller.input("read -p 'Name: ' WHO\r");
    await waitFor(/Name: $/);
    controller.input('Ada\r');
    await waitFor(/Ada\nlearner@layerlab:~\$ $/);
    controller.input('echo hi $WHO\r');
    await waitFor(/hi Ada\nlearner/);
    controller.input('read X || echo eof\r');
    await waitFor(/read X \|\| echo eof$/);
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.input('\x04');
    await waitFor(/eof\nlearner@layerlab:~\$ $/);
    expect(screen().split('\n').slice(-3)).toEqual([`${PROMPT}read X || echo eof`, 'eof', PROMPT]);
  });

  it('Ctrl-D on an empty shell prompt gives a fresh prompt that still takes input', async () => {
    const { controller, screen, waitFor } = setup();
    await controller.start();
    controller.input('\x04');
    await waitFor(/\nlearner@layerlab:~\$ $/);
    controller.input('echo still here\r');
    await waitFor(/still here\nlearner@layerlab:~\$ $/);
    expect(screen()).toBe(`${PROMPT}\n${PROMPT}echo still here\nstill here\n${PROMPT}`);
  });

  it('completes through the session and lists choices on a double Tab', async () => {
    const { controller, screen, waitFor } = setup();
    await controller.start();
    controller.input('dock\t');
    await waitFor(/docker $/);
    controller.input('--\t');
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.input('\t');
    await waitFor(/--help\s+--version\nlearner@layerlab:~\$ docker --$/);
    expect(screen()).toContain(`${PROMPT}docker --`);
  });
});

describe('TerminalController, reading a secret', () => {
  /** A terminal at docker login's hidden password prompt. */
  async function atPasswordPrompt() {
    const terminal = setup();
    await terminal.controller.start();
    terminal.controller.input('docker login -u learner\r');
    await terminal.waitFor(/Password: $/);
    return terminal;
  }

  it('draws nothing of a password typed at docker login, and the login goes on', async () => {
    const { controller, screen, waitFor } = await atPasswordPrompt();
    controller.input('layerlab-passwordX\x7f');
    controller.input('\r');
    await waitFor(/Login Succeeded\nlearner@layerlab:~\$ $/);
    expect(screen()).not.toContain('layerlab-password');
    expect(screen()).toMatch(/Password: \n\nWARNING! Your credentials are stored unencrypted/);
  });

  it('interrupts the command on Ctrl-C at the hidden prompt', async () => {
    const { controller, screen, waitFor } = await atPasswordPrompt();
    controller.input('sec\x03');
    await waitFor(/Password: \^C\nlearner@layerlab:~\$ $/);
    expect(screen()).not.toContain('sec');
  });

  it('keeps waiting after Ctrl-D at the hidden prompt, as docker/cli does, until Ctrl-C', async () => {
    const { controller, screen, waitFor } = await atPasswordPrompt();
    controller.input('\x04');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(screen()).toMatch(/Password: $/);
    controller.input('\x03');
    await waitFor(/\^C\nlearner@layerlab:~\$ $/);
  });
});

describe('TerminalController.typeLines (runnable code blocks)', () => {
  it('types a line at the prompt and runs it, as if typed, into the history', async () => {
    const { controller, screen, waitFor, saved } = setup();
    await controller.start();
    await controller.typeLines(['echo from the lesson']);
    await waitFor(/from the lesson\nlearner@layerlab:~\$ $/);
    expect(screen()).toBe(`${PROMPT}echo from the lesson\nfrom the lesson\n${PROMPT}`);
    expect(saved.at(-1)).toEqual(['echo from the lesson']);
  });

  it('waits for the terminal to start, and for each line to finish before typing the next', async () => {
    const { controller, screen, waitFor } = setup();
    const typed = controller.typeLines(['sleep 0.2', 'echo after']);
    await controller.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(controller.busy).toBe(true);
    expect(screen()).toBe(`${PROMPT}sleep 0.2`);
    await typed;
    await waitFor(/after\nlearner@layerlab:~\$ $/);
    expect(controller.busy).toBe(false);
    expect(screen()).toBe(`${PROMPT}sleep 0.2\n${PROMPT}echo after\nafter\n${PROMPT}`);
  });

  it('replaces half-typed text, which Ctrl-Y brings back', async () => {
    const { controller, screen, waitFor } = setup();
    await controller.start();
    controller.input('echo half');
    controller.input('\x02\x02');
    await controller.typeLines(['echo whole']);
    await waitFor(/whole\nlearner@layerlab:~\$ $/);
    expect(screen()).toBe(`${PROMPT}echo whole\nwhole\n${PROMPT}`);
    controller.input('\x19');
    await waitFor(/\$ echo half$/);
  });

  it('keeps the lines of two calls together, in call order', async () => {
    const { controller, screen, waitFor } = setup();
    await controller.start();
    const first = controller.typeLines(['sleep 0.1', 'echo one']);
    const second = controller.typeLines(['echo two']);
    await Promise.all([first, second]);
    await waitFor(/two\nlearner@layerlab:~\$ $/);
    expect(screen()).toBe(`${PROMPT}sleep 0.1\n${PROMPT}echo one\none\n${PROMPT}echo two\ntwo\n${PROMPT}`);
  });

  it('answers a program that reads a line, and turns control characters into spaces', async () => {
    const { controller, waitFor } = setup();
    await controller.start();
    controller.input("read -p 'Name: ' WHO\r");
    await waitFor(/Name: $/);
    await controller.typeLines(['Ada']);
    await waitFor(/Ada\nlearner@layerlab:~\$ $/);
    await controller.typeLines(['echo "[$WHO]"\tdone']);
    await waitFor(/\[Ada\] done\nlearner@layerlab:~\$ $/);
  });

  it('never types into a hidden password prompt: the line waits for the next prompt', async () => {
    const { controller, screen, waitFor } = setup();
    await controller.start();
    controller.input('docker login -u learner\r');
    await waitFor(/Password: $/);
    expect(controller.busy).toBe(true);
    const typed = controller.typeLines(['echo after login']);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen()).toMatch(/Password: $/);
    controller.input('\x03');
    await typed;
    await waitFor(/after login\nlearner@layerlab:~\$ $/);
    expect(screen()).not.toMatch(/Password: .*echo/);
  });
});
