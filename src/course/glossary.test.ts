import { describe, expect, it } from 'vitest';
import { GLOSSARY } from './glossary';

const sortKey = (term: string) => term.replace(/^[^a-z0-9]+/i, '').toLowerCase();

describe('the glossary', () => {
  it('has unique ids usable as anchors', () => {
    const ids = GLOSSARY.map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it('is in alphabetical order of its terms (ignoring a leading "<")', () => {
    const terms = GLOSSARY.map((entry) => entry.term);
    expect(terms).toEqual([...terms].sort((a, b) => sortKey(a).localeCompare(sortKey(b))));
  });

  it('points "see" only at terms it has, and defines every term the course relies on', () => {
    const ids = new Set(GLOSSARY.map((entry) => entry.id));
    for (const entry of GLOSSARY) for (const see of entry.see ?? []) expect(ids, `${entry.id} → ${see}`).toContain(see);
    for (const id of ['image', 'layer', 'container', 'writable-layer', 'digest', 'image-id', 'tag', 'repository', 'registry', 'reference', 'manifest', 'config', 'history', 'missing', 'dangling-image', 'build-context', 'build-cache', 'buildkit', 'legacy-builder', 'multi-stage-build', 'distroless', 'base-image', 'scratch', 'official-image', 'personal-access-token', 'namespace', 'whiteout', 'union-filesystem']) {
      expect(ids).toContain(id);
    }
  });
});
