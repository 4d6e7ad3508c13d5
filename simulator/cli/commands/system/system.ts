import type { ManagementCommand } from '../../command';
import { dfCommand } from './df';
import { infoCommand } from './info';

/** `docker system …`: the system commands the simulator has. */
export const systemCommand: ManagementCommand = {
  kind: 'management',
  name: 'system',
  short: 'Manage Docker',
  category: { group: 'management' },
  subcommands: [dfCommand, infoCommand],
};
