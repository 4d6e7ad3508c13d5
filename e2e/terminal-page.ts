import { expect, type Locator, type Page } from '@playwright/test';

/** Drives the terminal on a page through its DOM contract and xterm's buffer. */
export class TerminalPage {
  readonly screen: Locator;

  constructor(readonly page: Page) {
    this.screen = page.locator('[data-terminal]');
  }

  async ready(): Promise<void> {
    await expect(this.screen).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
    await this.screen.click();
  }

  /** The whole buffer, scrollback included, without trailing blank lines; empty until the terminal has mounted (polls go on). */
  text(): Promise<string> {
    return this.screen.evaluate((element) => (element as HTMLElement & { layerlabTerminal?: { text(): string } }).layerlabTerminal?.text() ?? '');
  }

  async lastLine(): Promise<string> {
    return (await this.text()).split('\n').at(-1) ?? '';
  }

  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
  }

  async run(command: string): Promise<void> {
    await this.type(command);
    await this.page.keyboard.press('Enter');
  }

  async paste(text: string): Promise<void> {
    await this.screen.evaluate((element, data) => (element as HTMLElement & { layerlabTerminal: { paste(d: string): void } }).layerlabTerminal.paste(data), text);
  }

  async waitForText(fragment: string | RegExp, timeout = 10_000): Promise<void> {
    await expect.poll(() => this.text(), { timeout }).toMatch(typeof fragment === 'string' ? new RegExp(escapeRegExp(fragment)) : fragment);
  }

  /** Waits until the last line is an idle shell prompt (in the home directory or below it). */
  async waitForPrompt(timeout = 10_000): Promise<void> {
    await expect.poll(() => this.lastLine(), { timeout }).toMatch(/^learner@layerlab:~(\/[^$]*)?\$ $/);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
