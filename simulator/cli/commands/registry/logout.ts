import { INDEX_SERVER } from '../../../registry/registries';
import type { DockerCommand } from '../../command';
import { convertToHostname, loadDockerConfig, saveDockerConfig } from '../../config-file';

/**
 * docker logout [SERVER] — docker/cli 28's logout.go: it always says which
 * login it removes, logged in or not, and erases the entry under each
 * spelling of the address (host, http://host, https://host).
 */
export const logoutCommand: DockerCommand = {
  name: 'logout',
  use: '[SERVER]',
  short: 'Log out from a registry',
  long: 'Log out from a registry.\nIf no server is specified, the default is defined by the daemon.',
  category: { group: 'common', top: 9 },
  flags: [],
  args: { kind: 'max', count: 1 },
  async run(context, _flags, [server = '']) {
    const isDefault = server === '';
    const address = isDefault ? INDEX_SERVER : server;
    const hostname = isDefault ? address : convertToHostname(address);
    const keys = isDefault ? [address] : [address, hostname, `http://${hostname}`, `https://${hostname}`];
    await context.stdout.write(`Removing login credentials for ${hostname}\n`);
    const { config } = loadDockerConfig(context);
    // The file store's Erase writes the file only when there was something to erase.
    const erased = keys.filter((key) => config.auths.delete(key));
    if (erased.length > 0) saveDockerConfig(context, config);
    return 0;
  },
};
