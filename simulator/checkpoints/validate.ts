/**
 * Reads a check declared as JSON (a lesson's frontmatter or MDX props) and
 * fails loudly, naming the field, when it is not one: a lesson with a bad
 * check must not build, rather than show a checkpoint that never passes.
 */
import { InvalidCheckError, type Check, type CheckKind } from './types';

type FieldType = 'string' | 'count' | 'boolean' | 'state' | 'change' | 'visibility' | 'builder' | 'regexp' | 'step' | 'check' | 'checks';

/** Each kind's fields: required ones without `?`, optional ones with it. Nothing else is allowed. */
const FIELDS: Record<CheckKind, Record<string, FieldType>> = {
  imageExists: { image: 'string' },
  imageHasTag: { image: 'string', tag: 'string' },
  imageLayers: { image: 'string', 'count?': 'count', 'atLeast?': 'count', 'atMost?': 'count' },
  imageHasFile: { image: 'string', path: 'string' },
  imageSizeBelow: { image: 'string', bytes: 'count' },
  imageRunsAsNonRoot: { image: 'string' },
  imageHasShell: { image: 'string', present: 'boolean' },
  containerExists: { 'container?': 'string', 'image?': 'string', 'state?': 'state' },
  containerChanged: { 'container?': 'string', 'image?': 'string', path: 'string', 'change?': 'change' },
  loggedIn: { registry: 'string' },
  repositoryHasTag: { repository: 'string', tag: 'string', 'visibility?': 'visibility' },
  repositoryTagsMatch: { repository: 'string', tag: 'string', sameAs: 'string' },
  buildStepCached: { cached: 'boolean', 'step?': 'count', 'instruction?': 'string' },
  buildFirstMiss: { step: 'step' },
  danglingImages: { 'count?': 'count', 'atLeast?': 'count', 'atMost?': 'count' },
  lastBuildUsed: { builder: 'builder', 'image?': 'string' },
  homeFile: { path: 'string', 'contains?': 'string', 'matches?': 'regexp' },
  all: { checks: 'checks' },
  any: { checks: 'checks' },
  not: { check: 'check' },
};

/** Kinds that need one of several optional fields. */
const ONE_OF: Partial<Record<CheckKind, string[]>> = {
  imageLayers: ['count', 'atLeast', 'atMost'],
  containerExists: ['container', 'image'],
  containerChanged: ['container', 'image'],
  buildStepCached: ['step', 'instruction'],
  danglingImages: ['count', 'atLeast', 'atMost'],
};

const STATES = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead', 'any'];
const CHANGES = ['added', 'changed', 'deleted'];
const VISIBILITIES = ['public', 'private'];
const BUILDERS = ['buildkit', 'legacy'];

/** Returns `json` as a {@link Check}, or throws an {@link InvalidCheckError} naming the bad field (`checks[1].image`). */
export function validateCheck(json: unknown, where = 'check'): Check {
  const value = objectAt(json, where);
  const kind = value.kind;
  if (typeof kind !== 'string' || !Object.hasOwn(FIELDS, kind)) {
    throw new InvalidCheckError(`${where}.kind: expected one of ${Object.keys(FIELDS).join(', ')}; got ${JSON.stringify(kind)}`);
  }
  const fields = FIELDS[kind as CheckKind];
  const declared = new Map(Object.entries(fields).map(([name, type]) => [name.replace(/\?$/, ''), { type, optional: name.endsWith('?') }]));
  for (const name of Object.keys(value)) {
    if (name !== 'kind' && !declared.has(name)) throw new InvalidCheckError(`${where}.${name}: not a field of a ${kind} check (its fields: ${[...declared.keys()].join(', ')})`);
  }
  for (const [name, { type, optional }] of declared) {
    if (value[name] === undefined) {
      if (!optional) throw new InvalidCheckError(`${where}.${name}: required by a ${kind} check`);
      continue;
    }
    checkField(value[name], type, `${where}.${name}`);
  }
  const oneOf = ONE_OF[kind as CheckKind];
  if (oneOf && oneOf.every((name) => value[name] === undefined)) throw new InvalidCheckError(`${where}: a ${kind} check needs ${oneOf.join(' or ')}`);
  // The fields were checked one by one above: the object is a Check of its kind.
  return value as unknown as Check;
}

/** Validates a list of checks (a checkpoint's, a question's). */
export function validateChecks(json: unknown, where = 'checks'): Check[] {
  if (!Array.isArray(json)) throw new InvalidCheckError(`${where}: expected an array of checks`);
  return json.map((item, index) => validateCheck(item, `${where}[${index}]`));
}

function checkField(value: unknown, type: FieldType, where: string): void {
  const fail = (expected: string): never => {
    throw new InvalidCheckError(`${where}: expected ${expected}; got ${JSON.stringify(value)}`);
  };
  switch (type) {
    case 'string':
      if (typeof value !== 'string' || value === '') fail('a non-empty string');
      return;
    case 'count':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) fail('a whole number, 0 or more');
      return;
    case 'step':
      if (value !== null && (typeof value !== 'number' || !Number.isInteger(value) || value < 1)) fail('a step number (1 or more) or null');
      return;
    case 'boolean':
      if (typeof value !== 'boolean') fail('true or false');
      return;
    case 'state':
      if (typeof value !== 'string' || !STATES.includes(value)) fail(`one of ${STATES.join(', ')}`);
      return;
    case 'change':
      if (typeof value !== 'string' || !CHANGES.includes(value)) fail(`one of ${CHANGES.join(', ')}`);
      return;
    case 'visibility':
      if (typeof value !== 'string' || !VISIBILITIES.includes(value)) fail(`one of ${VISIBILITIES.join(', ')}`);
      return;
    case 'builder':
      if (typeof value !== 'string' || !BUILDERS.includes(value)) fail(`one of ${BUILDERS.join(', ')}`);
      return;
    case 'regexp':
      if (typeof value !== 'string') fail('a regular expression (a string)');
      try {
        new RegExp(value as string);
      } catch (error) {
        fail(`a valid regular expression (${error instanceof Error ? error.message : String(error)})`);
      }
      return;
    case 'check':
      validateCheck(value, where);
      return;
    case 'checks':
      validateChecks(value, where);
      return;
  }
}

function objectAt(json: unknown, where: string): Record<string, unknown> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new InvalidCheckError(`${where}: expected an object with a "kind"; got ${JSON.stringify(json)}`);
  return json as Record<string, unknown>;
}
