import { filterBool, parseFilterFlags, validateFilters } from '../../../daemon/filters';
import { invalidParameter } from '../../../errdefs/errors';
import type { DockerCommand } from '../../command';
import { reportError } from '../../errors';
import { ellipsis } from '../../format/ellipsis';
import { renderListing } from '../../format/output';
import { goJson, MARSHAL_JSON } from '../../format/template';
import type { SearchResult } from '../../../registry/hub-search';

/** moby's registry.DefaultSearchLimit: what the daemon asks Docker Hub for when the CLI sends no limit. */
const DEFAULT_SEARCH_LIMIT = 25;

/** docker search [OPTIONS] TERM — docker/cli 28's search.go and formatter_search.go, the filters of moby's registry/search.go. */
export const searchCommand: DockerCommand = {
  name: 'search',
  use: '[OPTIONS] TERM',
  short: 'Search Docker Hub for images',
  category: { group: 'common', top: 10 },
  flags: [
    { name: 'filter', shorthand: 'f', type: 'list', varname: 'filter', usage: 'Filter output based on conditions provided', validate: (value) => (value.includes('=') ? undefined : 'bad format of filter (expected name=value)') },
    { name: 'format', type: 'string', usage: 'Pretty-print search using a Go template' },
    { name: 'limit', type: 'string', varname: 'int', usage: 'Max number of search results', validate: (value) => (/^[+-]?\d+$/.test(value) ? undefined : `strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax`) },
    { name: 'no-trunc', type: 'bool', usage: "Don't truncate output" },
  ],
  args: { kind: 'exact', count: 1 },
  async run(context, flags, [term = '']) {
    try {
      const filters = parseFilterFlags((flags.get('filter') as string[] | undefined) ?? []);
      if (filters.has('is-automated')) {
        await context.stderr.write('WARNING: the "is-automated" filter is deprecated, and searching for "is-automated=true" will not yield any results in future.\n');
      }
      validateFilters(filters, ['is-automated', 'is-official', 'stars']);
      // The client sends a limit only when it is positive; the daemon takes at most 100.
      const given = Number((flags.get('limit') as string | undefined) ?? '0');
      const limit = given > 0 ? given : DEFAULT_SEARCH_LIMIT;
      if (limit > 100) throw invalidParameter(`limit ${limit} is outside the range of [1, 100]`);
      const automated = filterBool(filters, 'is-automated', false);
      const official = filters.has('is-official') ? filterBool(filters, 'is-official', false) : undefined;
      let minStars = 0;
      for (const value of filters.get('stars') ?? []) {
        if (!/^[+-]?\d+$/.test(value)) throw invalidParameter(`invalid filter 'stars=${value}': strconv.Atoi: parsing ${JSON.stringify(value)}: invalid syntax`);
        minStars = Math.max(minStars, Number(value));
      }
      const results = automated
        ? []
        : (await context.engine.registry.search(term, limit)).filter((result) => (official === undefined || result.isOfficial === official) && result.starCount >= minStars);
      const trunc = flags.get('no-trunc') !== true;
      await context.stdout.write(
        renderListing((flags.get('format') as string | undefined) ?? '', {
          defaultTable: '{{.Name}}\t{{.Description}}\t{{.StarCount}}\t{{.IsOfficial}}',
          headers: { Name: 'NAME', Description: 'DESCRIPTION', StarCount: 'STARS', IsOfficial: 'OFFICIAL' },
          rows: results.map((result) => searchRow(result, trunc)),
          goType: '*registry.searchContext',
        }),
      );
      return 0;
    } catch (error) {
      return reportError(context, error);
    }
  },
};

/**
 * formatter_search.go's searchContext: the description on one line, cut at 45
 * columns unless --no-trunc; `[OK]` for an official image in a table, and in
 * JSON (formatter.MarshalJSON: every field, keys sorted) `true` or `false`.
 */
function searchRow(result: SearchResult, trunc: boolean): object {
  const oneLine = result.description.replace(/[\n\r]/g, ' ');
  const description = trunc ? ellipsis(oneLine, 45) : oneLine;
  const row = { Name: result.name, Description: description, StarCount: String(result.starCount), IsOfficial: result.isOfficial ? '[OK]' : '' };
  const json = { Description: description, IsOfficial: String(result.isOfficial), Name: result.name, StarCount: String(result.starCount) };
  return Object.defineProperty(row, MARSHAL_JSON, { value: (escapeHTML: boolean) => goJson(json, {}, { escapeHTML }) });
}
