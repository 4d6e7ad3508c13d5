import { describe, expect, it } from 'vitest';
import { tabwrite } from './tabwriter';

describe('tabwrite', () => {
  const dockerTable = { minwidth: 10, padding: 3 };

  it('pads every column but the last, as docker images does', () => {
    const text = 'REPOSITORY\tTAG\tIMAGE ID\tCREATED\tSIZE\nubuntu\tlatest\t27941809078c\t3 months ago\t77.8MB\nhello-world\tlatest\tfeb5d9fea6a5\t11 months ago\t13.3kB';
    expect(tabwrite(text, dockerTable).split('\n')).toEqual([
      'REPOSITORY    TAG       IMAGE ID       CREATED         SIZE',
      'ubuntu        latest    27941809078c   3 months ago    77.8MB',
      'hello-world   latest    feb5d9fea6a5   11 months ago   13.3kB',
    ]);
  });

  it('aligns columns per block: a line without tabs ends the block', () => {
    const text = 'a\tb\nlonger cell\tc\nplain line\nx\ty';
    expect(tabwrite(text, { minwidth: 0, padding: 1 }).split('\n')).toEqual([
      'a           b',
      'longer cell c',
      'plain line',
      'x y',
    ]);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(tabwrite('é\tx\nab\ty', { minwidth: 0, padding: 1 })).toBe('é  x\nab y');
  });

  it('leaves text without tabs untouched', () => {
    expect(tabwrite('no tabs here\n', dockerTable)).toBe('no tabs here\n');
  });
});
