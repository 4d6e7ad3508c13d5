import type { CommandContext } from '../../shell/command';

/** Whose wording a tool uses: GNU coreutils (the host, Debian and Ubuntu images) or busybox's applet (Alpine, distroless debug). */
export type Dialect = 'gnu' | 'busybox';

export function dialectOf(context: CommandContext): Dialect {
  // The busybox image keeps the binary as /bin/[ (see MULTI_CALL).
  return context.binary === 'busybox' || context.binary === '[' ? 'busybox' : 'gnu';
}
