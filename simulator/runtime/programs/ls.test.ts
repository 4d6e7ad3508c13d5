import { describe, expect, it } from 'vitest';
import { runLine, testSession } from '../../testing/transcript';

describe('ls on a terminal', () => {
  it('lays names out in columns filled top to bottom, as few rows as fit the width', async () => {
    const session = testSession();
    await runLine(session, 'mkdir d && cd d && touch alpha bravo charlie delta echo foxtrot golf hotel');
    expect(await runLine(session, 'ls', [], { columns: 80 })).toEqual({ output: 'alpha  bravo  charlie  delta  echo  foxtrot  golf  hotel\n', status: 0 });
    expect(await runLine(session, 'ls', [], { columns: 30 })).toEqual({ output: 'alpha    delta    golf\nbravo    echo     hotel\ncharlie  foxtrot\n', status: 0 });
    // Into a pipe, one name per line whatever the width.
    expect((await runLine(session, 'ls | head -2', [], { columns: 80 })).output).toBe('alpha\nbravo\n');
  });

  it('marks kinds with -F and sorts by size with -S', async () => {
    const session = testSession();
    await runLine(session, 'mkdir d && cd d && mkdir sub && echo 12345 > big && echo 1 > small && ln -s big link');
    expect((await runLine(session, 'ls -F')).output).toBe('big\nlink@\nsmall\nsub/\n');
    expect((await runLine(session, 'ls -S')).output).toBe('sub\nbig\nlink\nsmall\n');
  });
});
