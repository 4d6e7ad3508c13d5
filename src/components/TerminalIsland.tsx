import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import type { MountedTerminal } from '../terminal/mount';

interface Props {
  storageKey: string;
  label: string;
  /** The Reset button's text: "Reset lesson", "Reset sandbox". */
  resetLabel: string;
}

const SCREEN_READER_KEY = 'layerlab:screen-reader';

function storedScreenReaderMode(): boolean {
  try {
    return localStorage.getItem(SCREEN_READER_KEY) === 'on';
  } catch {
    return false;
  }
}

/**
 * The terminal island. Its wrapper carries the DOM contract later tests rely
 * on: `data-terminal`, and `data-ready="true"` once it accepts input.
 */
export default function TerminalIsland({ storageKey, label, resetLabel }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const mounted = useRef<MountedTerminal>();
  const ready = useSignal(false);
  const screenReader = useSignal(false);
  const notice = useSignal<string | undefined>(undefined);
  // A reset mounts a new terminal on the restarted session: a fresh screen and prompt, as after logging in again.
  const generation = useSignal(0);

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    screenReader.value = storedScreenReaderMode();
    let disposed = false;
    void import('../terminal/mount')
      .then(({ mountTerminal }) =>
        mountTerminal(element, {
          storageKey,
          screenReaderMode: screenReader.value,
          onReady: () => (ready.value = true),
          onNotice: (text) => (notice.value = text),
        }),
      )
      .then((terminal) => {
        if (disposed) terminal.dispose();
        else mounted.current = terminal;
      });
    return () => {
      disposed = true;
      mounted.current?.dispose();
      mounted.current = undefined;
    };
  }, [storageKey, generation.value]);

  const reset = async () => {
    if (!window.confirm(`${resetLabel}? Everything you did here (images, containers, files) is lost and it starts again from the beginning.`)) return;
    ready.value = false;
    notice.value = undefined;
    const { resetPageSession } = await import('../terminal/mount');
    await resetPageSession(storageKey);
    generation.value++;
  };

  const toggleScreenReader = () => {
    screenReader.value = !screenReader.value;
    mounted.current?.setScreenReaderMode(screenReader.value);
    try {
      localStorage.setItem(SCREEN_READER_KEY, screenReader.value ? 'on' : 'off');
    } catch {
      // The choice then lasts for this page only.
    }
  };

  const helpId = `${storageKey.replace(/[^a-zA-Z0-9_-]/g, '-')}-help`;
  return (
    <section class="terminal" aria-label={label}>
      <div class="terminal-toolbar">
        <span class="terminal-title" aria-hidden="true">
          learner@layerlab
        </span>
        <button type="button" class="terminal-button" aria-pressed={screenReader.value} onClick={toggleScreenReader}>
          Screen reader mode
        </button>
        <button type="button" class="terminal-button" data-reset-session="" onClick={() => void reset()}>
          {resetLabel}
        </button>
      </div>
      {notice.value && (
        <p class="terminal-notice" role="status" data-session-notice="">
          {notice.value}
        </p>
      )}
      <p id={helpId} class="visually-hidden">
        Type shell commands and press Enter. Tab completes, Up and Down recall earlier commands. To leave the terminal, press Escape and then Tab.
      </p>
      <div
        ref={host}
        class="terminal-screen"
        data-terminal=""
        data-ready={ready.value ? 'true' : 'false'}
        role="group"
        aria-label="Terminal screen"
        aria-describedby={helpId}
      />
    </section>
  );
}
