import type { ITheme } from '@xterm/xterm';

/** Terminal colours for the site's two themes; both keep text at WCAG AA contrast on their background. */
export const TERMINAL_THEMES: Record<'light' | 'dark', ITheme> = {
  light: {
    background: '#fbfbfc',
    foreground: '#1f2328',
    cursor: '#0f5e9c',
    cursorAccent: '#fbfbfc',
    selectionBackground: '#b6d6f2',
    black: '#1f2328',
    red: '#b3261e',
    green: '#1a7f37',
    yellow: '#7d4e00',
    blue: '#0f5e9c',
    magenta: '#8250df',
    cyan: '#0b6e79',
    white: '#57606a',
    brightBlack: '#57606a',
    brightRed: '#a40e26',
    brightGreen: '#116329',
    brightYellow: '#633c01',
    brightBlue: '#0a4b7c',
    brightMagenta: '#6639ba',
    brightCyan: '#0a5a63',
    brightWhite: '#1f2328',
  },
  dark: {
    background: '#0d1117',
    foreground: '#e6edf3',
    cursor: '#79c0ff',
    cursorAccent: '#0d1117',
    selectionBackground: '#264f78',
    black: '#484f58',
    red: '#ff7b72',
    green: '#3fb950',
    yellow: '#d29922',
    blue: '#58a6ff',
    magenta: '#bc8cff',
    cyan: '#39c5cf',
    white: '#b1bac4',
    brightBlack: '#6e7681',
    brightRed: '#ffa198',
    brightGreen: '#56d364',
    brightYellow: '#e3b341',
    brightBlue: '#79c0ff',
    brightMagenta: '#d2a8ff',
    brightCyan: '#56d4dd',
    brightWhite: '#f0f6fc',
  },
};

export function currentSiteTheme(): 'light' | 'dark' {
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
}
