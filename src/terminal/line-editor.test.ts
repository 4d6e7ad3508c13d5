import { it, expect } from 'vitest';
import { Terminal } from '@xterm/headless';
it('loads', async () => {
  const t = new Terminal({ cols: 20, rows: 5, allowProposedApi: true });
  await new Promise<void>((r) => t.write('a𝑥é\x1b[32mb', r));
  expect(t.buffer.active.getLine(0)!.translateToString(true)).toBe('a𝑥éb');
  expect(t.buffer.active.cursorX).toBe(4);
});
