/**
 * Docker image references (`ubuntu`, `localhost:5000/app:1.0`,
 * `busybox@sha256:…`), ported from github.com/distribution/reference v0.6:
 * the grammar of regexp.go, the parsing of reference.go, the Docker Hub
 * normalisation of normalize.go and the helpers of helpers.go. Every
 * validation rule and error message is Go's, because users meet them
 * verbatim (`invalid reference format: repository name (library/MyApp) must
 * be lowercase`), and so are Go's quirks: `Foo/bar` is a valid reference on
 * the registry `Foo`, because an uppercase first component is taken for a
 * domain.
 *
 *   reference      := name [ ":" tag ] [ "@" digest ]
 *   name           := [domain '/'] remote-name
 *   domain         := host [':' port-number]
 *   path-component := [a-z0-9]+ ( separator [a-z0-9]+ )*   separator := [._] | __ | -+
 *   tag            := [\w][\w.-]{0,127}
 *   digest         := algorithm ":" hex{32,}
 */
import { DIGEST_PROBLEMS, validateDigest, type DigestProblem } from './digest';
import { PatternSyntaxError, pathMatch } from './pathmatch';

/**
 * A parsed reference. Go models the tag and digest combinations as separate
 * types (Named, NamedTagged, Canonical); here they are optional fields, and a
 * field is absent rather than empty. References are frozen plain objects, so
 * they compare with deep equality and serialise as they are.
 */
export interface Reference {
  /** Registry host with optional port, e.g. `docker.io`; empty only for parse() input without one. */
  readonly domain: string;
  /** The repository path within the registry, e.g. `library/ubuntu`. */
  readonly path: string;
  readonly tag?: string;
  /** `algorithm:hex`, e.g. `sha256:<64 hex>`. */
  readonly digest?: string;
}

/** A reference with a digest: what Go calls Canonical. */
export type DigestedReference = Reference & { readonly digest: string };

/**
 * The result of parseAnyReference: a name, or a bare digest, which Docker
 * treats as an image ID (`sha256:<hex>`).
 */
export type AnyReference =
  | { readonly kind: 'named'; readonly ref: Reference }
  | { readonly kind: 'digest'; readonly digest: string };

/** Docker Hub's canonical domain, which familiar names leave out. */
export const DEFAULT_DOMAIN = 'docker.io';
/** The name Docker Hub was first known by; normalised to DEFAULT_DOMAIN. */
export const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';
/** Namespace of Docker Hub's official images, also left out of familiar names. */
export const OFFICIAL_REPO_PREFIX = 'library/';
export const DEFAULT_TAG = 'latest';
/** The longest repository path, in characters. */
export const REPOSITORY_NAME_TOTAL_LENGTH_MAX = 255;

/** Which Go error a failure corresponds to; the message carries Go's exact text. */
export type InvalidReferenceCode =
  /** ErrReferenceInvalidFormat */
  | 'invalid-format'
  /** ErrTagInvalidFormat */
  | 'invalid-tag'
  /** ErrDigestInvalidFormat */
  | 'invalid-digest'
  /** ErrNameContainsUppercase, or ParseNormalizedNamed's longer message naming the repository. */
  | 'uppercase'
  /** ErrNameEmpty */
  | 'empty-name'
  /** ErrNameTooLong */
  | 'name-too-long'
  /** ErrNameNotCanonical */
  | 'not-canonical'
  /** A bare 64-hex string where a name is required. */
  | 'hex-identifier'
  /** go-digest's checks of the digest's algorithm, length and characters. */
  | `checksum-${DigestProblem}`;

/** A reference that distribution/reference rejects, carrying Go's error message. */
export class InvalidReferenceError extends Error {
  override readonly name = 'InvalidReferenceError';

  constructor(
    readonly code: InvalidReferenceCode,
    message: string,
  ) {
    super(message);
  }
}

const GO_ERRORS = {
  'invalid-format': 'invalid reference format',
  'invalid-tag': 'invalid tag format',
  'invalid-digest': 'invalid digest format',
  uppercase: 'repository name must be lowercase',
  'empty-name': 'repository name must have at least one component',
  'name-too-long': `repository name must not be more than ${REPOSITORY_NAME_TOTAL_LENGTH_MAX} characters`,
  'not-canonical': 'repository name must be canonical',
} as const;

function goError(code: keyof typeof GO_ERRORS): InvalidReferenceError {
  return new InvalidReferenceError(code, GO_ERRORS[code]);
}

// The grammar, assembled from the same pieces and in the same way as Go's
// regexp.go, so the two can be compared line by line. Go's regexp is
// leftmost-first like JavaScript's, so submatches agree too.
const alphanumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const localhost = 'localhost';
const domainNameComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const optionalPort = '(?::[0-9]+)?';
const tagPattern = '[\\w][\\w.-]{0,127}';
const digestPattern = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';
const identifierPattern = '([a-f0-9]{64})';
const ipv6address = '\\[(?:[a-fA-F0-9:]+)\\]';
const domainName = `${domainNameComponent}${anyTimes('\\.', domainNameComponent)}`;
const host = `(?:${domainName}|${ipv6address})`;
const domainAndPort = host + optionalPort;
const pathComponent = alphanumeric + anyTimes(separator, alphanumeric);
const remoteName = pathComponent + anyTimes('/', pathComponent);
const namePattern = optional(domainAndPort, '/') + remoteName;

/**
 * The anchored expressions, exported for tests that port Go's regexp tests.
 * None has the `g` or `y` flag, so they carry no state between calls.
 */
export const REFERENCE_REGEXPS = Object.freeze({
  /** Matches a domain with optional port. */
  domain: new RegExp(anchored(domainAndPort)),
  /** Captures the domain (possibly empty) and the path of a name. */
  name: new RegExp(anchored(optional(capture(domainAndPort), '/'), capture(remoteName))),
  /** Captures the name, tag and digest of a whole reference. */
  reference: new RegExp(anchored(capture(namePattern), optional(':', capture(tagPattern)), optional('@', capture(digestPattern)))),
  tag: new RegExp(anchored(tagPattern)),
  digest: new RegExp(anchored(digestPattern)),
  /** A full image ID without its `sha256:` prefix. */
  identifier: new RegExp(anchored(identifierPattern)),
});

function optional(...parts: string[]): string {
  return `(?:${parts.join('')})?`;
}

function anyTimes(...parts: string[]): string {
  return `(?:${parts.join('')})*`;
}

function capture(...parts: string[]): string {
  return `(${parts.join('')})`;
}

function anchored(...parts: string[]): string {
  return `^${parts.join('')}$`;
}

/** Builds a frozen reference, leaving out an empty tag or digest as Go's type selection does. */
function makeReference(domain: string, path: string, tag = '', digest = ''): Reference {
  const ref: { domain: string; path: string; tag?: string; digest?: string } = { domain, path };
  if (tag !== '') ref.tag = tag;
  if (digest !== '') ref.digest = digest;
  return Object.freeze(ref);
}

/**
 * Go's Parse: a reference exactly as written, without Docker Hub
 * normalisation (`ubuntu` has no domain here). A digest must also pass
 * go-digest's validation.
 */
export function parse(text: string): Reference {
  if (text === '') throw goError('empty-name');
  const match = REFERENCE_REGEXPS.reference.exec(text);
  if (match === null) {
    const lower = goToLower(text);
    // Succeeds when lower-cased, so the input contains an invalid repository name.
    if (lower !== text && REFERENCE_REGEXPS.reference.test(lower)) throw goError('uppercase');
    throw goError('invalid-format');
  }
  const [, name = '', tag = '', digest = ''] = match;
  const nameMatch = REFERENCE_REGEXPS.name.exec(name);
  const domain = nameMatch?.[1] ?? '';
  const path = nameMatch?.[2] ?? name;
  if (path.length > REPOSITORY_NAME_TOTAL_LENGTH_MAX) throw goError('name-too-long');
  if (digest !== '') assertValidDigest(digest);
  return makeReference(domain, path, tag, digest);
}

function assertValidDigest(digest: string): void {
  const problem = validateDigest(digest);
  if (problem !== undefined) throw new InvalidReferenceError(`checksum-${problem}`, DIGEST_PROBLEMS[problem]);
}

/**
 * Go's ParseNormalizedNamed: what the Docker CLI and daemon use for every
 * image name a user types. Adds Docker Hub's domain and `library/` namespace
 * where the name leaves them out, and rejects a bare 64-hex string, which
 * would be ambiguous with an image ID (use parseAnyReference for input that
 * may be an ID).
 */
export function parseNormalizedNamed(text: string): Reference {
  if (REFERENCE_REGEXPS.identifier.test(text)) {
    throw new InvalidReferenceError('hex-identifier', `invalid repository name (${text}), cannot specify 64-byte hexadecimal strings`);
  }
  const [domain, remainder] = splitDockerDomain(text);
  const tagSeparator = remainder.indexOf(':');
  const remote = tagSeparator > -1 ? remainder.slice(0, tagSeparator) : remainder;
  if (goToLower(remote) !== remote) {
    throw new InvalidReferenceError('uppercase', `invalid reference format: repository name (${remote}) must be lowercase`);
  }
  return parse(`${domain}/${remainder}`);
}

/**
 * Splits a name into domain and remote name, defaulting to Docker Hub. The
 * first component is a domain only if it contains `.` or `:`, is
 * `localhost`, or has uppercase letters (a namespace cannot), so `foo/bar`
 * is on Docker Hub while `foo.com/bar` and `Foo/bar` are not.
 */
function splitDockerDomain(name: string): [domain: string, remoteName: string] {
  const slash = name.indexOf('/');
  if (slash === -1) {
    // A single element ("ubuntu", "ubuntu:latest") is never taken for a host:port.
    return [DEFAULT_DOMAIN, OFFICIAL_REPO_PREFIX + name];
  }
  const [domain, remoteName] = chooseDomain(name.slice(0, slash), name.slice(slash + 1), name);
  // "docker.io/ubuntu" means "docker.io/library/ubuntu", on Docker Hub only.
  if (domain === DEFAULT_DOMAIN && !remoteName.includes('/')) return [domain, OFFICIAL_REPO_PREFIX + remoteName];
  return [domain, remoteName];
}

/** The cases of Go's switch in splitDockerDomain, in Go's order. */
function chooseDomain(maybeDomain: string, maybeRemoteName: string, name: string): [string, string] {
  if (maybeDomain === localhost) return [maybeDomain, maybeRemoteName];
  if (maybeDomain === LEGACY_DEFAULT_DOMAIN) return [DEFAULT_DOMAIN, maybeRemoteName];
  if (/[.:]/.test(maybeDomain)) return [maybeDomain, maybeRemoteName];
  if (goToLower(maybeDomain) !== maybeDomain) return [maybeDomain, maybeRemoteName];
  return [DEFAULT_DOMAIN, name];
}

/**
 * Go's ParseNamed: accepts only a reference that is already canonical, such as
 * `docker.io/library/ubuntu`; `ubuntu` fails with `repository name must be canonical`.
 */
export function parseNamed(text: string): Reference {
  const ref = parseNormalizedNamed(text);
  if (referenceString(ref) !== text) throw goError('not-canonical');
  return ref;
}

/**
 * Go's ParseDockerRef: a normalised reference that is either tagged or
 * digested. A missing tag becomes `latest`; with both, the tag is dropped.
 */
export function parseDockerRef(text: string): Reference {
  const ref = parseNormalizedNamed(text);
  if (ref.tag !== undefined && ref.digest !== undefined) return makeReference(ref.domain, ref.path, '', ref.digest);
  return tagNameOnly(ref);
}

/**
 * Go's ParseAnyReference, which the daemon applies to every image argument:
 * a full 64-hex ID or any valid digest (`sha256:<hex>`) names an image by ID;
 * anything else must be a name. A short ID such as `3f57d9401f8d` parses as a
 * name here, so the image service falls back to an ID-prefix search when the
 * name is unknown (see isImageIdLike).
 */
export function parseAnyReference(text: string): AnyReference {
  if (REFERENCE_REGEXPS.identifier.test(text)) return { kind: 'digest', digest: `sha256:${text}` };
  if (validateDigest(text) === undefined) return { kind: 'digest', digest: text };
  return { kind: 'named', ref: parseNormalizedNamed(text) };
}

/**
 * Whether `text` could be an image ID or a prefix of one, with or without
 * `sha256:` (the daemon's ID search accepts both). Such text may still be a
 * valid name too (`docker tag x abc` creates `abc:latest`); the image service
 * looks names up first.
 */
export function isImageIdLike(text: string): boolean {
  return /^(?:sha256:)?[a-f0-9]{1,64}$/.test(text);
}

/** Go's WithName: a name-only reference from `[domain/]path`, without normalisation. */
export function withName(name: string): Reference {
  const match = REFERENCE_REGEXPS.name.exec(name);
  if (match === null) throw goError('invalid-format');
  const [, domain = '', path = ''] = match;
  if (path.length > REPOSITORY_NAME_TOTAL_LENGTH_MAX) throw goError('name-too-long');
  return makeReference(domain, path);
}

/** Go's WithTag: `ref` with its tag replaced; a digest is kept. */
export function withTag(ref: Reference, tag: string): Reference {
  if (!REFERENCE_REGEXPS.tag.test(tag)) throw goError('invalid-tag');
  return makeReference(ref.domain, ref.path, tag, ref.digest);
}

/**
 * Go's WithDigest: `ref` with its digest replaced; a tag is kept. Only the
 * grammar is checked, not go-digest's length rules.
 */
export function withDigest(ref: Reference, digest: string): DigestedReference {
  if (!REFERENCE_REGEXPS.digest.test(digest)) throw goError('invalid-digest');
  return makeReference(ref.domain, ref.path, ref.tag, digest) as DigestedReference;
}

/** Go's TrimNamed: the repository alone, without tag or digest. */
export function trimNamed(ref: Reference): Reference {
  return makeReference(ref.domain, ref.path);
}

/** Go's IsNameOnly: neither tag nor digest. */
export function isNameOnly(ref: Reference): boolean {
  return ref.tag === undefined && ref.digest === undefined;
}

/** Go's TagNameOnly: adds the `latest` tag to a reference that has neither tag nor digest. */
export function tagNameOnly(ref: Reference): Reference {
  return isNameOnly(ref) ? withTag(ref, DEFAULT_TAG) : ref;
}

/** Go's Named.Name(): `domain/path`, e.g. `docker.io/library/ubuntu`. */
export function referenceName(ref: Reference): string {
  return ref.domain === '' ? ref.path : `${ref.domain}/${ref.path}`;
}

/** Go's String(): the full reference, e.g. `docker.io/library/ubuntu:latest`. */
export function referenceString(ref: Reference): string {
  const tag = ref.tag === undefined ? '' : `:${ref.tag}`;
  const digest = ref.digest === undefined ? '' : `@${ref.digest}`;
  return referenceName(ref) + tag + digest;
}

/** The canonical string under the brief's name; same as referenceString. */
export { referenceString as string };

/**
 * Go's familiarizeName: drops the `docker.io` domain and, for official images,
 * the `library/` namespace, giving the form Docker prints (`ubuntu`,
 * `dmcgowan/myapp`). `library/` stays when more path follows it.
 */
export function familiarize(ref: Reference): Reference {
  if (ref.domain !== DEFAULT_DOMAIN) return ref;
  const official = ref.path.startsWith(OFFICIAL_REPO_PREFIX) ? ref.path.slice(OFFICIAL_REPO_PREFIX.length) : undefined;
  const path = official !== undefined && !official.includes('/') ? official : ref.path;
  return makeReference('', path, ref.tag, ref.digest);
}

/** Go's FamiliarName: the familiar repository name, e.g. `ubuntu`. */
export function familiarName(ref: Reference): string {
  return referenceName(familiarize(ref));
}

/** Go's FamiliarString: the familiar full reference, e.g. `ubuntu:latest`. */
export function familiarString(ref: Reference): string {
  return referenceString(familiarize(ref));
}

/**
 * Go's FamiliarMatch: whether a shell pattern matches the familiar string
 * (`ubuntu:22.04`) or else the familiar name (`ubuntu`). Throws
 * PatternSyntaxError (`syntax error in pattern`) for a malformed pattern, the
 * error Docker reports before any match result.
 */
export function familiarMatch(pattern: string, ref: Reference): boolean {
  if (pathMatch(pattern, familiarString(ref))) return true;
  // Go ignores the second match's error: the first one has already reported any.
  try {
    return pathMatch(pattern, familiarName(ref));
  } catch (error) {
    if (error instanceof PatternSyntaxError) return false;
    throw error;
  }
}

/** Whether two references are identical in every field. */
export function referencesEqual(a: Reference, b: Reference): boolean {
  return a.domain === b.domain && a.path === b.path && a.tag === b.tag && a.digest === b.digest;
}

/**
 * Go's strings.ToLower, which maps each code point on its own (simple case
 * mapping). JavaScript's toLowerCase applies context and multi-character
 * rules, such as `İ` to `i̇`, so it is applied per code point and only the
 * first code point kept.
 */
function goToLower(text: string): string {
  let lower = '';
  for (const char of text) {
    const mapped = char.toLowerCase();
    lower += [...mapped].length === 1 ? mapped : String.fromCodePoint(mapped.codePointAt(0) ?? 0);
  }
  return lower;
}
