import type { DockerCommand } from '../../command';
import { tabwrite } from '../../format/tabwriter';
import { goJson, JSON_NAMES, parseTemplate, TemplateExecError, TemplateParseError } from '../../format/template';
import { ENGINE_VERSION } from '../../../daemon/version';

/** Docker's help for every `--format` flag that takes `json` or a Go template (cli/flags InspectFormatHelp). */
export const INSPECT_FORMAT_HELP =
  "Format output using a custom template:\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates";

/** The client half of `docker version` (and of `docker info`): the CLI's clientVersion struct, Go field names in declaration order. */
export function clientVersion() {
  const client = ENGINE_VERSION.client;
  return {
    Platform: { Name: ENGINE_VERSION.platform },
    Version: client.version,
    APIVersion: ENGINE_VERSION.apiVersion,
    DefaultAPIVersion: ENGINE_VERSION.apiVersion,
    GitCommit: client.gitCommit,
    GoVersion: ENGINE_VERSION.goVersion,
    Os: ENGINE_VERSION.os,
    Arch: ENGINE_VERSION.arch,
    BuildTime: ansiDate(ENGINE_VERSION.buildTime),
    Context: 'default',
  };
}

/** The server half: the API's types.Version, Go field names in declaration order; component details are Go maps. */
function serverVersion() {
  const engine = ENGINE_VERSION.engine;
  return {
    Platform: { Name: ENGINE_VERSION.platform },
    Components: [
      {
        Name: 'Engine',
        Version: engine.version,
        Details: new Map([
          ['ApiVersion', ENGINE_VERSION.apiVersion],
          ['Arch', ENGINE_VERSION.arch],
          ['BuildTime', ansiDate(ENGINE_VERSION.buildTime)],
          ['Experimental', 'false'],
          ['GitCommit', engine.gitCommit],
          ['GoVersion', ENGINE_VERSION.goVersion],
          ['KernelVersion', ENGINE_VERSION.kernelVersion],
          ['MinAPIVersion', ENGINE_VERSION.minApiVersion],
          ['Os', ENGINE_VERSION.os],
        ]),
      },
      ...ENGINE_VERSION.components.map((component) => ({
        Name: component.name,
        Version: component.version,
        Details: new Map([['GitCommit', component.gitCommit]]),
      })),
    ],
    Version: engine.version,
    APIVersion: ENGINE_VERSION.apiVersion,
    MinAPIVersion: ENGINE_VERSION.minApiVersion,
    GitCommit: engine.gitCommit,
    GoVersion: ENGINE_VERSION.goVersion,
    Os: ENGINE_VERSION.os,
    Arch: ENGINE_VERSION.arch,
    KernelVersion: ENGINE_VERSION.kernelVersion,
    BuildTime: ENGINE_VERSION.buildTime,
  };
}

/** Go's time.ANSIC layout ("Mon Jan _2 15:04:05 2006") in UTC, as the CLI reformats build times. */
function ansiDate(iso: string): string {
  // Drop the fraction: Go writes nanoseconds, which Date.parse need not accept.
  const date = new Date(iso.replace(/\.\d+/, ''));
  const [weekday, day, month, year, time] = date.toUTCString().replace(',', '').split(' ');
  return `${weekday} ${month} ${String(Number(day)).padStart(2, ' ')} ${time} ${year}`;
}

/** The default template of docker/cli's version.go, rendered for our fixed data. */
function defaultLayout(info: { Client: ReturnType<typeof clientVersion>; Server: ReturnType<typeof serverVersion> }): string {
  const { Client: client, Server: server } = info;
  const lines = [
    `Client: ${client.Platform.Name}`,
    ` Version:\t${client.Version}`,
    ` API version:\t${client.APIVersion}`,
    ` Go version:\t${client.GoVersion}`,
    ` Git commit:\t${client.GitCommit}`,
    ` Built:\t${client.BuildTime}`,
    ` OS/Arch:\t${client.Os}/${client.Arch}`,
    ` Context:\t${client.Context}`,
    '',
    `Server: ${server.Platform.Name}`,
  ];
  for (const component of server.Components) {
    lines.push(` ${component.Name}:`);
    const details = component.Details;
    if (component.Name === 'Engine') {
      lines.push(
        `  Version:\t${component.Version}`,
        `  API version:\t${details.get('ApiVersion')} (minimum version ${details.get('MinAPIVersion')})`,
        `  Go version:\t${details.get('GoVersion')}`,
        `  Git commit:\t${details.get('GitCommit')}`,
        `  Built:\t${details.get('BuildTime')}`,
        `  OS/Arch:\t${details.get('Os')}/${details.get('Arch')}`,
        `  Experimental:\t${details.get('Experimental')}`,
      );
    } else {
      lines.push(`  Version:\t${component.Version}`, ...[...details.keys()].sort().map((key) => `  ${key}:\t${details.get(key)}`));
    }
  }
  return lines.join('\n');
}

const GO_TYPE_NAMES = new Map<string, string>([
  ['Client', 'system.clientVersion'],
  ['Server', 'types.Version'],
]);

/** docker version [OPTIONS] */
export const versionCommand: DockerCommand = {
  name: 'version',
  use: '[OPTIONS]',
  short: 'Show the Docker version information',
  category: { group: 'common', top: 11 },
  flags: [{ name: 'format', shorthand: 'f', type: 'string', usage: INSPECT_FORMAT_HELP }],
  args: { kind: 'none' },
  async run(context, flags) {
    const info = { Client: clientVersion(), Server: serverVersion() };
    const format = (flags.get('format') as string | undefined) ?? '';
    if (format === '') {
      await context.stdout.write(`${tabwrite(`${defaultLayout(info)}\n`, { minwidth: 20, padding: 1 })}`);
      return 0;
    }
    // Objects of the data model get Go's type names for template errors.
    const typeNames = new Map<object, string>([[info, 'system.versionInfo']]);
    for (const [field, name] of GO_TYPE_NAMES) typeNames.set(info[field as keyof typeof info], name);
    try {
      const output = format === 'json' ? goJson(info, JSON_NAMES, { escapeHTML: false }) : parseTemplate('version', format).execute(info, (value) => typeNames.get(value) ?? 'struct');
      await context.stdout.write(`${output}\n`);
      return 0;
    } catch (error) {
      if (error instanceof TemplateParseError) {
        await context.stderr.write(`template parsing error: ${error.message}\n`);
        return 64;
      }
      if (error instanceof TemplateExecError) {
        await context.stdout.write('\n');
        await context.stderr.write(`${error.message}\n`);
        return 1;
      }
      throw error;
    }
  },
};
