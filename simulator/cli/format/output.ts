import { tabwrite } from './tabwriter';
import { parseTemplate, prepareDockerFormat } from './template';

/** Docker's help for the --format flag of listing commands (cli/flags FormatHelp). */
export const TABLE_FORMAT_HELP =
  "Format output using a custom template:\n'table':            Print output in table format with column headers (default)\n'table TEMPLATE':   Print output in table format using the given Go template\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template.\nRefer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates";

export interface Listing<Row> {
  /** The template of the default table, e.g. `{{.Repository}}\t{{.Tag}}\t…` */
  defaultTable: string;
  /** Column titles by field, for the header row of any table format (docker/cli's header contexts). */
  headers: Readonly<Record<string, string>>;
  rows: readonly Row[];
  /** The Go type docker/cli formats rows with, as template errors name it (`*formatter.imageContext`). */
  goType: string;
}

/**
 * Prints rows the way docker/cli's formatter.Context does for a `--format`
 * value: "" or `table` gives the default table, `table TEMPLATE` a table of
 * the given columns with their titles, `json` one JSON object per row, any
 * other template one line per row. Tables go through Go's tabwriter
 * (minwidth 10, padding 3).
 */
export function renderListing<Row extends object>(format: string, listing: Listing<Row>): string {
  const prepared = prepareDockerFormat(format === '' ? 'table' : format);
  const source = prepared.table && prepared.template === '' ? listing.defaultTable : prepared.template;
  const template = parseTemplate('', source);
  const lines = listing.rows.map((row) => template.execute(row, () => listing.goType));
  if (!prepared.table) return lines.map((line) => `${line}\n`).join('');
  const header = template.execute(listing.headers, undefined, { header: true });
  return `${tabwrite([header, ...lines].join('\n'), { minwidth: 10, padding: 3 })}\n`;
}
