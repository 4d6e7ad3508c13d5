import type { CatalogIndex } from '../catalog/format';
import type { RepositorySummary } from './hosted';

/** One result of Docker Hub's search (moby's registry.SearchResult). */
export interface SearchResult {
  name: string;
  description: string;
  starCount: number;
  isOfficial: boolean;
}

/**
 * Stars of the official images on Docker Hub. Approximations of what Hub
 * showed in 2024–2025 (nginx's 21333 and ubuntu's order of magnitude are from
 * real `docker search` transcripts); the descriptions are the catalog's,
 * which are Hub's own short descriptions.
 */
const OFFICIAL_STARS: Readonly<Record<string, number>> = {
  nginx: 21333,
  ubuntu: 17390,
  node: 13820,
  alpine: 11290,
  python: 10120,
  debian: 5180,
  golang: 5050,
  httpd: 4890,
  busybox: 3450,
  'hello-world': 2480,
};

/**
 * Docker Hub's search over the official images and the learners' public
 * repositories: the term matched in a name or description, the most starred
 * first, at most `limit` results.
 */
export function searchHub(term: string, limit: number, official: CatalogIndex['repositories'], learners: readonly RepositorySummary[]): SearchResult[] {
  const needle = term.toLowerCase();
  const results: SearchResult[] = [
    ...Object.entries(official)
      .filter(([name, entry]) => entry.official && !name.includes('/'))
      .map(([name, entry]) => ({ name, description: entry.description, starCount: OFFICIAL_STARS[name] ?? 0, isOfficial: true })),
    ...learners.filter((repository) => repository.visibility === 'public').map((repository) => ({ name: repository.path, description: '', starCount: 0, isOfficial: false })),
  ];
  return results
    .filter((result) => result.name.toLowerCase().includes(needle) || result.description.toLowerCase().includes(needle))
    .sort((a, b) => b.starCount - a.starCount || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, limit);
}
