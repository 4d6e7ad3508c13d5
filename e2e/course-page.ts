import { expect, type Page } from '@playwright/test';
import { TerminalPage } from './terminal-page';

/** A lesson page: its terminal, its checkpoints and the rounds of checks that follow each command. */
export class LessonPage {
  readonly terminal: TerminalPage;

  constructor(readonly page: Page) {
    this.terminal = new TerminalPage(page);
  }

  async open(id: string): Promise<void> {
    await this.page.goto(`/lessons/${id}/`);
    await this.terminal.ready();
  }

  /** Waits until the quiz island has hydrated (it loads when scrolled into view): before that its inputs are inert markup. */
  async quizReady(): Promise<void> {
    await this.page.locator('[data-quiz]').scrollIntoViewIfNeeded();
    await expect(this.page.locator('astro-island:has([data-quiz])')).not.toHaveAttribute('ssr', { timeout: 15_000 });
  }

  /**
   * Waits until the checkpoints have been checked against the state after
   * every command line finished so far (the page counts both), and at least
   * once since the page opened.
   */
  async settled(): Promise<void> {
    const progress = (): Promise<string> =>
      this.page.locator('[data-lesson]').evaluate((element) => {
        const { linesChecked, linesFinished = '0' } = (element as HTMLElement).dataset;
        return linesChecked === undefined ? 'not checked yet' : `${linesChecked} of ${linesFinished}`;
      });
    await expect.poll(async () => /^(\d+) of \1$/.test(await progress()), { timeout: 20_000 }).toBe(true);
  }

  /** Whether the shell's own prompt is showing (not a container's shell or a confirmation reading a line). */
  async atHostPrompt(): Promise<boolean> {
    return /^learner@layerlab:~(\/[^$]*)?\$ $/.test(await this.terminal.lastLine());
  }

  statuses(): Promise<Record<string, string>> {
    return this.page
      .locator('[data-checkpoint]')
      .evaluateAll((elements) => Object.fromEntries(elements.map((element) => [(element as HTMLElement).dataset.checkpoint, (element as HTMLElement).dataset.status])));
  }

  private busy(): Promise<boolean> {
    return this.terminal.screen.evaluate((element) => (element as HTMLElement & { layerlabTerminal?: { busy?: boolean } }).layerlabTerminal?.busy ?? true);
  }

  /** Types each line as a learner would, once the terminal takes a line (the prompt, or a container's shell reading one). */
  async type(lines: readonly string[], timeout = 60_000): Promise<void> {
    // Keys go where the focus is: after a click elsewhere on the page, back to the terminal.
    await this.terminal.screen.click();
    for (const line of lines) {
      await expect.poll(() => this.busy(), { timeout }).toBe(false);
      await this.terminal.run(line);
    }
    await expect.poll(() => this.busy(), { timeout }).toBe(false);
  }
}
