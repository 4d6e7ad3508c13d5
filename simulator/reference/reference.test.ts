import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PatternSyntaxError } from './pathmatch';
import {
  familiarMatch,
  familiarName,
  familiarString,
  familiarize,
  InvalidReferenceError,
  isImageIdLike,
  isNameOnly,
  parse,
  parseAnyReference,
  parseDockerRef,
  parseNamed,
  parseNormalizedNamed,
  REFERENCE_REGEXPS,
  referenceName,
  referencesEqual,
  referenceString,
  string,
  tagNameOnly,
  trimNamed,
  withDigest,
  withName,
  withTag,
  type Reference,
} from './reference';

// Cases are ported from distribution/reference v0.6 (reference_test.go,
// normalize_test.go, regexp_test.go); Go's sentinel errors are spelled out as
// the messages users see.
const INVALID_FORMAT = 'invalid reference format';
const NAME_EMPTY = 'repository name must have at least one component';
const NAME_UPPERCASE = 'repository name must be lowercase';
const NAME_TOO_LONG = 'repository name must not be more than 255 characters';
const NAME_NOT_CANONICAL = 'repository name must be canonical';
const DIGEST_LENGTH = 'invalid checksum digest length';
const DIGEST_FORMAT = 'invalid checksum digest format';
const DIGEST_UNSUPPORTED = 'unsupported digest algorithm';

const F64 = 'f'.repeat(64);
const HEX_ID = '1a3f5e7d9c1b3a5f7e9d1c3b5a7f9e1d3c5b7a9f1e3d5d7c9b1a3f5e7d9c1b3a';
const REDIS_DIGEST = 'sha256:dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c';

/** The message of the InvalidReferenceError `run` throws; fails if it throws anything else or nothing. */
function rejection(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidReferenceError);
    return (error as Error).message;
  }
  throw new Error('expected an InvalidReferenceError');
}

describe('parse (Go TestReferenceParse)', () => {
  interface ParseCase {
    input: string;
    err?: string;
    repository?: string;
    domain?: string;
    tag?: string;
    digest?: string;
  }
  const cases: ParseCase[] = [
    { input: 'test_com', repository: 'test_com' },
    { input: 'test.com:tag', repository: 'test.com', tag: 'tag' },
    { input: 'test.com:5000', repository: 'test.com', tag: '5000' },
    { input: 'test.com/repo:tag', domain: 'test.com', repository: 'test.com/repo', tag: 'tag' },
    { input: 'test:5000/repo', domain: 'test:5000', repository: 'test:5000/repo' },
    { input: 'test:5000/repo:tag', domain: 'test:5000', repository: 'test:5000/repo', tag: 'tag' },
    { input: `test:5000/repo@sha256:${F64}`, domain: 'test:5000', repository: 'test:5000/repo', digest: `sha256:${F64}` },
    { input: `test:5000/repo:tag@sha256:${F64}`, domain: 'test:5000', repository: 'test:5000/repo', tag: 'tag', digest: `sha256:${F64}` },
    { input: '', err: NAME_EMPTY },
    { input: ':justtag', err: INVALID_FORMAT },
    { input: `@sha256:${F64}`, err: INVALID_FORMAT },
    { input: `repo@sha256:${'f'.repeat(34)}`, err: DIGEST_LENGTH },
    { input: `validname@invaliddigest:${F64}`, err: DIGEST_UNSUPPORTED },
    { input: 'Uppercase:tag', err: NAME_UPPERCASE },
    // Go's FIXME: "Uppercase/lowercase:tag" passes, the first component being taken for a domain.
    { input: 'Uppercase/lowercase:tag', domain: 'Uppercase', repository: 'Uppercase/lowercase', tag: 'tag' },
    { input: 'test:5000/Uppercase/lowercase:tag', err: NAME_UPPERCASE },
    { input: 'lowercase:Uppercase', repository: 'lowercase', tag: 'Uppercase' },
    // v0.6 limits the path alone; the domain does not count (older releases limited the whole name).
    { input: `domain/${'a'.repeat(256)}:tag`, err: NAME_TOO_LONG },
    { input: `example.com/${'a'.repeat(255)}:tag`, domain: 'example.com', repository: `example.com/${'a'.repeat(255)}`, tag: 'tag' },
    { input: `${'a/'.repeat(128)}a:tag`, domain: 'a', repository: `${'a/'.repeat(128)}a`, tag: 'tag' },
    { input: `${'a/'.repeat(127)}a:tag-puts-this-over-max`, domain: 'a', repository: `${'a/'.repeat(127)}a`, tag: 'tag-puts-this-over-max' },
    { input: 'aa/asdf$$^/aa', err: INVALID_FORMAT },
    { input: 'sub-dom1.foo.com/bar/baz/quux', domain: 'sub-dom1.foo.com', repository: 'sub-dom1.foo.com/bar/baz/quux' },
    { input: 'sub-dom1.foo.com/bar/baz/quux:some-long-tag', domain: 'sub-dom1.foo.com', repository: 'sub-dom1.foo.com/bar/baz/quux', tag: 'some-long-tag' },
    { input: 'b.gcr.io/test.example.com/my-app:test.example.com', domain: 'b.gcr.io', repository: 'b.gcr.io/test.example.com/my-app', tag: 'test.example.com' },
    { input: 'xn--n3h.com/myimage:xn--n3h.com', domain: 'xn--n3h.com', repository: 'xn--n3h.com/myimage', tag: 'xn--n3h.com' },
    {
      input: `xn--7o8h.com/myimage:xn--7o8h.com@sha512:${'f'.repeat(128)}`,
      domain: 'xn--7o8h.com',
      repository: 'xn--7o8h.com/myimage',
      tag: 'xn--7o8h.com',
      digest: `sha512:${'f'.repeat(128)}`,
    },
    { input: 'foo_bar.com:8080', repository: 'foo_bar.com', tag: '8080' },
    { input: 'foo/foo_bar.com:8080', domain: 'foo', repository: 'foo/foo_bar.com', tag: '8080' },
    { input: '192.168.1.1', repository: '192.168.1.1' },
    { input: '192.168.1.1:tag', repository: '192.168.1.1', tag: 'tag' },
    { input: '192.168.1.1:5000', repository: '192.168.1.1', tag: '5000' },
    { input: '192.168.1.1/repo', domain: '192.168.1.1', repository: '192.168.1.1/repo' },
    { input: '192.168.1.1:5000/repo', domain: '192.168.1.1:5000', repository: '192.168.1.1:5000/repo' },
    { input: '192.168.1.1:5000/repo:5050', domain: '192.168.1.1:5000', repository: '192.168.1.1:5000/repo', tag: '5050' },
    { input: '[2001:db8::1]', err: INVALID_FORMAT },
    { input: '[2001:db8::1]:5000', err: INVALID_FORMAT },
    { input: '[2001:db8::1]:tag', err: INVALID_FORMAT },
    { input: '[2001:db8::1]/repo', domain: '[2001:db8::1]', repository: '[2001:db8::1]/repo' },
    { input: '[2001:db8:1:2:3:4:5:6]/repo:tag', domain: '[2001:db8:1:2:3:4:5:6]', repository: '[2001:db8:1:2:3:4:5:6]/repo', tag: 'tag' },
    { input: '[2001:db8::1]:5000/repo', domain: '[2001:db8::1]:5000', repository: '[2001:db8::1]:5000/repo' },
    { input: '[2001:db8::1]:5000/repo:tag', domain: '[2001:db8::1]:5000', repository: '[2001:db8::1]:5000/repo', tag: 'tag' },
    { input: `[2001:db8::1]:5000/repo@sha256:${F64}`, domain: '[2001:db8::1]:5000', repository: '[2001:db8::1]:5000/repo', digest: `sha256:${F64}` },
    {
      input: `[2001:db8::1]:5000/repo:tag@sha256:${F64}`,
      domain: '[2001:db8::1]:5000',
      repository: '[2001:db8::1]:5000/repo',
      tag: 'tag',
      digest: `sha256:${F64}`,
    },
    { input: '[2001:db8::]:5000/repo', domain: '[2001:db8::]:5000', repository: '[2001:db8::]:5000/repo' },
    { input: '[::1]:5000/repo', domain: '[::1]:5000', repository: '[::1]:5000/repo' },
    { input: '[fe80::1%eth0]:5000/repo', err: INVALID_FORMAT },
    { input: '[fe80::1%@invalidzone]:5000/repo', err: INVALID_FORMAT },
  ];

  it.each(cases)('$input', ({ input, err, repository, domain = '', tag, digest }) => {
    if (err !== undefined) {
      expect(rejection(() => parse(input))).toBe(err);
      return;
    }
    const ref = parse(input);
    expect(referenceString(ref)).toBe(input);
    expect(referenceName(ref)).toBe(repository);
    expect(ref.domain).toBe(domain);
    expect(ref.tag).toBe(tag);
    expect(ref.digest).toBe(digest);
  });

  it('checks the digest with go-digest after the grammar', () => {
    expect(rejection(() => parse(`foo@sha256:${'A'.repeat(64)}`))).toBe(DIGEST_FORMAT);
    expect(rejection(() => parse(`foo@sha256:${'a'.repeat(65)}`))).toBe(DIGEST_LENGTH);
    expect(rejection(() => parse(`foo@SHA256:${'a'.repeat(64)}`))).toBe(DIGEST_FORMAT);
    expect(rejection(() => parse(`foo@sha384:${'a'.repeat(64)}`))).toBe(DIGEST_LENGTH);
    expect(parse(`foo@sha384:${'a'.repeat(96)}`).digest).toBe(`sha384:${'a'.repeat(96)}`);
  });

  it('labels each failure with the Go error it stands for', () => {
    const code = (run: () => unknown): string => {
      try {
        run();
      } catch (error) {
        return (error as InvalidReferenceError).code;
      }
      return 'none';
    };
    expect(code(() => parse(''))).toBe('empty-name');
    expect(code(() => parse('a b'))).toBe('invalid-format');
    expect(code(() => parse('A:tag'))).toBe('uppercase');
    expect(code(() => parse('a'.repeat(256)))).toBe('name-too-long');
    expect(code(() => parse(`a@sha256:${'a'.repeat(40)}`))).toBe('checksum-length');
    expect(code(() => parse(`a@md5:${'a'.repeat(40)}`))).toBe('checksum-unsupported');
    expect(code(() => parseNormalizedNamed(HEX_ID))).toBe('hex-identifier');
    expect(code(() => parseNormalizedNamed('MyApp'))).toBe('uppercase');
    expect(code(() => parseNamed('ubuntu'))).toBe('not-canonical');
    expect(code(() => withTag(parse('a'), '-x'))).toBe('invalid-tag');
    expect(code(() => withDigest(parse('a'), 'foo'))).toBe('invalid-digest');
  });
});

describe('withName, withTag, withDigest (Go TestWithNameFailure, TestDomainAndPath, TestWithTag, TestWithDigest)', () => {
  it.each([
    ['', INVALID_FORMAT],
    [':justtag', INVALID_FORMAT],
    [`@sha256:${F64}`, INVALID_FORMAT],
    [`validname@invaliddigest:${F64}`, INVALID_FORMAT],
    ['example.com/repo:tag', INVALID_FORMAT],
    [`example.com/${'a'.repeat(256)}`, NAME_TOO_LONG],
    ['aa/asdf$$^/aa', INVALID_FORMAT],
  ])('withName(%j) fails', (input, message) => {
    expect(rejection(() => withName(input))).toBe(message);
  });

  it.each([
    ['test.com/foo', 'test.com', 'foo'],
    ['test_com/foo', '', 'test_com/foo'],
    ['test:8080/foo', 'test:8080', 'foo'],
    ['test.com:8080/foo', 'test.com:8080', 'foo'],
    ['test-com:8080/foo', 'test-com:8080', 'foo'],
    ['xn--n3h.com:18080/foo', 'xn--n3h.com:18080', 'foo'],
  ])('withName(%j) splits domain %j and path %j', (input, domain, path) => {
    expect(withName(input)).toEqual({ domain, path });
  });

  const shortDigest = 'sha256:1234567890098765432112345667890098765';

  it.each([
    { name: 'test.com/foo', tag: 'tag', combined: 'test.com/foo:tag' },
    { name: 'foo', tag: 'tag2', combined: 'foo:tag2' },
    { name: 'test.com:8000/foo', tag: 'tag4', combined: 'test.com:8000/foo:tag4' },
    { name: 'test.com:8000/foo', tag: 'TAG5', combined: 'test.com:8000/foo:TAG5' },
    { name: 'test.com:8000/foo', digest: shortDigest, tag: 'TAG5', combined: `test.com:8000/foo:TAG5@${shortDigest}` },
  ])('withTag gives $combined', ({ name, tag, digest, combined }) => {
    const named = digest === undefined ? withName(name) : withDigest(withName(name), digest);
    expect(referenceString(withTag(named, tag))).toBe(combined);
  });

  it.each([
    { name: 'test.com/foo', digest: shortDigest, combined: `test.com/foo@${shortDigest}` },
    { name: 'foo', digest: shortDigest, combined: `foo@${shortDigest}` },
    { name: 'test.com:8000/foo', digest: shortDigest, combined: `test.com:8000/foo@${shortDigest}` },
    { name: 'test.com:8000/foo', digest: shortDigest, tag: 'latest', combined: `test.com:8000/foo:latest@${shortDigest}` },
  ])('withDigest gives $combined', ({ name, tag, digest, combined }) => {
    const named = tag === undefined ? withName(name) : withTag(withName(name), tag);
    expect(referenceString(withDigest(named, digest))).toBe(combined);
  });

  it('rejects an invalid tag or digest (Go TestInvalidReferenceComponents)', () => {
    expect(rejection(() => parseNormalizedNamed('-foo'))).toBe(INVALID_FORMAT);
    const busybox = parseNormalizedNamed('busybox');
    expect(rejection(() => withTag(busybox, '-foo'))).toBe('invalid tag format');
    expect(rejection(() => withTag(busybox, 'a'.repeat(129)))).toBe('invalid tag format');
    expect(withTag(busybox, 'a'.repeat(128)).tag).toHaveLength(128);
    expect(rejection(() => withDigest(busybox, 'foo'))).toBe('invalid digest format');
  });

  it('trims tag and digest with trimNamed', () => {
    expect(trimNamed(parse(`a/b:c@${REDIS_DIGEST}`))).toEqual({ domain: 'a', path: 'b' });
  });
});

describe('parseNamed (Go TestParseNamed)', () => {
  it.each([
    ['test.com/foo', 'test.com', 'foo'],
    ['test:8080/foo', 'test:8080', 'foo'],
    ['docker.io/library/foo', 'docker.io', 'library/foo'],
  ])('accepts canonical %j', (input, domain, path) => {
    expect(parseNamed(input)).toEqual({ domain, path });
  });

  it.each(['test_com/foo', 'test.com', 'foo', 'library/foo', 'docker.io/foo'])('rejects non-canonical %j', (input) => {
    expect(rejection(() => parseNamed(input))).toBe(NAME_NOT_CANONICAL);
  });
});

describe('parseNormalizedNamed', () => {
  describe('Go TestValidateReferenceName', () => {
    it.each([
      'docker/docker',
      'library/debian',
      'debian',
      'docker.io/docker/docker',
      'docker.io/library/debian',
      'docker.io/debian',
      'index.docker.io/docker/docker',
      'index.docker.io/library/debian',
      'index.docker.io/debian',
      '127.0.0.1:5000/docker/docker',
      '127.0.0.1:5000/library/debian',
      '127.0.0.1:5000/debian',
      '192.168.0.1',
      '192.168.0.1:80',
      '192.168.0.1:8/debian',
      '192.168.0.2:25000/debian',
      'thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev',
      '[fc00::1]:5000/docker',
      '[fc00::1]:5000/docker/docker',
      '[fc00:1:2:3:4:5:6:7]:5000/library/debian',
      // Valid with a domain: that removes the ambiguity with an image ID.
      `docker.io/${HEX_ID}`,
      'Docker/docker',
      'DOCKER/docker',
    ])('accepts %j', (name) => {
      expect(() => parseNormalizedNamed(name)).not.toThrow();
    });

    it.each([
      ['https://github.com/docker/docker', INVALID_FORMAT],
      ['docker/Docker', 'invalid reference format: repository name (docker/Docker) must be lowercase'],
      ['-docker', INVALID_FORMAT],
      ['-docker/docker', INVALID_FORMAT],
      ['-docker.io/docker/docker', INVALID_FORMAT],
      ['docker///docker', INVALID_FORMAT],
      ['docker.io/docker/Docker', 'invalid reference format: repository name (docker/Docker) must be lowercase'],
      ['docker.io/docker///docker', INVALID_FORMAT],
      ['[fc00::1]', INVALID_FORMAT],
      ['[fc00::1]:5000', INVALID_FORMAT],
      ['fc00::1:5000/debian', INVALID_FORMAT],
      ['[fe80::1%eth0]:5000/debian', INVALID_FORMAT],
      ['[2001:db8:3:4::192.0.2.33]:5000/debian', INVALID_FORMAT],
      [HEX_ID, `invalid repository name (${HEX_ID}), cannot specify 64-byte hexadecimal strings`],
    ])('rejects %j with %j', (name, message) => {
      expect(rejection(() => parseNormalizedNamed(name))).toBe(message);
    });
  });

  describe('Go TestValidateRemoteName', () => {
    it.each([
      'docker/docker',
      'thisisthesongthatneverendsitgoesonandonandonthisisthesongthatnev',
      'docker-rules/docker',
      'docker---rules/docker',
      'doc/docker',
      'd/docker',
      'jess/t',
      'dock__er/docker',
    ])('accepts %j', (name) => {
      expect(() => parseNormalizedNamed(name)).not.toThrow();
    });

    const longNamespace = Array(4).fill('this_is_not_a_valid_namespace_because_its_lenth_is_greater_than_255').join('_');

    it.each([
      ['docker/Docker', 'invalid reference format: repository name (docker/Docker) must be lowercase'],
      ['docker///docker', INVALID_FORMAT],
      [HEX_ID, `invalid repository name (${HEX_ID}), cannot specify 64-byte hexadecimal strings`],
      ['-docker/docker', INVALID_FORMAT],
      ['docker-/docker', INVALID_FORMAT],
      ['-docker-/docker', INVALID_FORMAT],
      ['____/____', INVALID_FORMAT],
      ['_docker/_docker', INVALID_FORMAT],
      ['dock..er/docker', INVALID_FORMAT],
      ['dock_.er/docker', INVALID_FORMAT],
      ['dock-.er/docker', INVALID_FORMAT],
      ['docker/', INVALID_FORMAT],
      [`${longNamespace}/docker`, NAME_TOO_LONG],
    ])('rejects %j with %j', (name, message) => {
      expect(rejection(() => parseNormalizedNamed(name))).toBe(message);
    });
  });

  describe('Go TestParseRepositoryInfo', () => {
    const cases = [
      { remote: 'fooo/bar', familiar: 'fooo/bar', full: 'docker.io/fooo/bar', ambiguous: 'index.docker.io/fooo/bar', domain: 'docker.io' },
      { remote: 'library/ubuntu', familiar: 'ubuntu', full: 'docker.io/library/ubuntu', ambiguous: 'library/ubuntu', domain: 'docker.io' },
      { remote: 'nonlibrary/ubuntu', familiar: 'nonlibrary/ubuntu', full: 'docker.io/nonlibrary/ubuntu', domain: 'docker.io' },
      { remote: 'other/library', familiar: 'other/library', full: 'docker.io/other/library', domain: 'docker.io' },
      { remote: 'private/moonbase', familiar: '127.0.0.1:8000/private/moonbase', full: '127.0.0.1:8000/private/moonbase', domain: '127.0.0.1:8000' },
      { remote: 'privatebase', familiar: '127.0.0.1:8000/privatebase', full: '127.0.0.1:8000/privatebase', domain: '127.0.0.1:8000' },
      { remote: 'private/moonbase', familiar: 'example.com/private/moonbase', full: 'example.com/private/moonbase', domain: 'example.com' },
      { remote: 'privatebase', familiar: 'example.com/privatebase', full: 'example.com/privatebase', domain: 'example.com' },
      { remote: 'private/moonbase', familiar: 'example.com:8000/private/moonbase', full: 'example.com:8000/private/moonbase', domain: 'example.com:8000' },
      { remote: 'privatebasee', familiar: 'example.com:8000/privatebasee', full: 'example.com:8000/privatebasee', domain: 'example.com:8000' },
      {
        remote: 'library/ubuntu-12.04-base',
        familiar: 'ubuntu-12.04-base',
        full: 'docker.io/library/ubuntu-12.04-base',
        ambiguous: 'index.docker.io/library/ubuntu-12.04-base',
        domain: 'docker.io',
      },
      { remote: 'library/foo', familiar: 'foo', full: 'docker.io/library/foo', ambiguous: 'docker.io/foo', domain: 'docker.io' },
      { remote: 'library/foo/bar', familiar: 'library/foo/bar', full: 'docker.io/library/foo/bar', domain: 'docker.io' },
      { remote: 'store/foo/bar', familiar: 'store/foo/bar', full: 'docker.io/store/foo/bar', domain: 'docker.io' },
      { remote: 'bar', familiar: 'Foo/bar', full: 'Foo/bar', domain: 'Foo' },
      { remote: 'bar', familiar: 'FOO/bar', full: 'FOO/bar', domain: 'FOO' },
    ];
    const inputs = cases.flatMap((tc) => [tc.familiar, tc.full, ...(tc.ambiguous === undefined ? [] : [tc.ambiguous])].map((input) => ({ input, ...tc })));

    it.each(inputs)('$input is $full', ({ input, remote, familiar, full, domain }) => {
      const named = parseNormalizedNamed(input);
      expect(familiarName(named)).toBe(familiar);
      expect(referenceString(named)).toBe(full);
      expect(named.domain).toBe(domain);
      expect(named.path).toBe(remote);
    });
  });

  it('keeps tag and digest together (Go TestParseReferenceWithTagAndDigest)', () => {
    const shortRef = 'busybox:latest@sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa';
    const ref = parseNormalizedNamed(shortRef);
    expect(referenceString(ref)).toBe(`docker.io/library/${shortRef}`);
    expect(ref.tag).toBe('latest');
    expect(ref.digest).toBe('sha256:86e0e091d0da6bde2456dbb48306f3956bbeb2eae1b5b9a43045843f69fe4aaa');
    expect(familiarString(ref)).toBe(shortRef);
  });

  it.each([
    ['test.com/foo', 'test.com', 'foo'],
    ['test_com/foo', 'docker.io', 'test_com/foo'],
    ['docker/migrator', 'docker.io', 'docker/migrator'],
    ['test.com:8080/foo', 'test.com:8080', 'foo'],
    ['test-com:8080/foo', 'test-com:8080', 'foo'],
    ['foo', 'docker.io', 'library/foo'],
    ['xn--n3h.com/foo', 'xn--n3h.com', 'foo'],
    ['xn--n3h.com:18080/foo', 'xn--n3h.com:18080', 'foo'],
    ['docker.io/foo', 'docker.io', 'library/foo'],
    ['docker.io/library/foo', 'docker.io', 'library/foo'],
    ['docker.io/library/foo/bar', 'docker.io', 'library/foo/bar'],
    // Beyond Go's table: the other ways the first component becomes a domain.
    ['localhost/foo', 'localhost', 'foo'],
    ['localhost:5000/foo', 'localhost:5000', 'foo'],
    ['index.docker.io/foo', 'docker.io', 'library/foo'],
    ['localhost', 'docker.io', 'library/localhost'],
    ['example.com', 'docker.io', 'library/example.com'],
  ])('splits %j into %j and %j (Go TestNormalizedSplitHostname)', (input, domain, path) => {
    expect(parseNormalizedNamed(input)).toEqual({ domain, path });
  });

  describe('exact error messages', () => {
    it.each([
      ['MyApp', 'invalid reference format: repository name (library/MyApp) must be lowercase'],
      ['MyApp:1.0', 'invalid reference format: repository name (library/MyApp) must be lowercase'],
      ['docker.io/library/MyApp:Tag', 'invalid reference format: repository name (library/MyApp) must be lowercase'],
      ['POSTGRES_PASSWORD=secret', 'invalid reference format: repository name (library/POSTGRES_PASSWORD=secret) must be lowercase'],
      ['cdkSpringRds-app:0.0.1-SNAPSHOT', 'invalid reference format: repository name (library/cdkSpringRds-app) must be lowercase'],
      ['localhost:5000/MyApp', 'invalid reference format: repository name (MyApp) must be lowercase'],
      // The remote name is cut at the first ':', so an uppercase algorithm lands in the message.
      [`foo@SHA256:${'a'.repeat(64)}`, 'invalid reference format: repository name (library/foo@SHA256) must be lowercase'],
      ['', INVALID_FORMAT],
      ['ubuntu:', INVALID_FORMAT],
      ['ubuntu:.', INVALID_FORMAT],
      ['ubuntu:-x', INVALID_FORMAT],
      [`ubuntu:${'a'.repeat(129)}`, INVALID_FORMAT],
      ['ubuntu@sha256:abc', INVALID_FORMAT],
      ['ubuntu latest', INVALID_FORMAT],
      ['a'.repeat(256), NAME_TOO_LONG],
      [`ubuntu@sha256:${'A'.repeat(64)}`, DIGEST_FORMAT],
      [`ubuntu@sha256:${'a'.repeat(32)}`, DIGEST_LENGTH],
      [`ubuntu@unknown:${'a'.repeat(64)}`, DIGEST_UNSUPPORTED],
    ])('%j fails with %j', (input, message) => {
      expect(rejection(() => parseNormalizedNamed(input))).toBe(message);
    });

    it('counts the 255 characters in the path after normalisation', () => {
      // "library/" counts: 247 + 8 characters is the longest official name.
      expect(parseNormalizedNamed('a'.repeat(247)).path).toHaveLength(255);
      expect(rejection(() => parseNormalizedNamed('a'.repeat(248)))).toBe(NAME_TOO_LONG);
      expect(parseNormalizedNamed(`example.com/${'a'.repeat(255)}`).path).toHaveLength(255);
    });

    it('lowercases as Go does, code point by code point', () => {
      // U+0130 lowercases to "i̇" in JavaScript but to "i" in Go; either way the name is not lowercase.
      expect(rejection(() => parseNormalizedNamed('İmage'))).toBe('invalid reference format: repository name (library/İmage) must be lowercase');
      // The Kelvin sign lowercases to an ASCII "k", so Go calls the name uppercase rather than malformed.
      expect(rejection(() => parse('\u212Aube:tag'))).toBe(NAME_UPPERCASE);
      expect(rejection(() => parse('ünicode'))).toBe(INVALID_FORMAT);
    });
  });
});

describe('parseAnyReference (Go TestParseAnyReference)', () => {
  it.each([
    ['redis', 'docker.io/library/redis'],
    ['redis:latest', 'docker.io/library/redis:latest'],
    ['docker.io/library/redis:latest', 'docker.io/library/redis:latest'],
    [`redis@${REDIS_DIGEST}`, `docker.io/library/redis@${REDIS_DIGEST}`],
    [`docker.io/library/redis@${REDIS_DIGEST}`, `docker.io/library/redis@${REDIS_DIGEST}`],
    ['dmcgowan/myapp', 'docker.io/dmcgowan/myapp'],
    ['dmcgowan/myapp:latest', 'docker.io/dmcgowan/myapp:latest'],
    ['docker.io/mcgowan/myapp:latest', 'docker.io/mcgowan/myapp:latest'],
    [`dmcgowan/myapp@${REDIS_DIGEST}`, `docker.io/dmcgowan/myapp@${REDIS_DIGEST}`],
    [`docker.io/dmcgowan/myapp@${REDIS_DIGEST}`, `docker.io/dmcgowan/myapp@${REDIS_DIGEST}`],
    ['dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9', 'docker.io/library/dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9'],
    ['dbcc1', 'docker.io/library/dbcc1'],
  ])('reads %j as the name %j', (input, equivalent) => {
    const any = parseAnyReference(input);
    expect(any).toEqual({ kind: 'named', ref: parse(equivalent) });
  });

  it.each([
    ['dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c', REDIS_DIGEST],
    [REDIS_DIGEST, REDIS_DIGEST],
    [`sha512:${'a'.repeat(128)}`, `sha512:${'a'.repeat(128)}`],
  ])('reads %j as the image ID %j', (input, digest) => {
    expect(parseAnyReference(input)).toEqual({ kind: 'digest', digest });
  });

  it('reads a short sha256: prefix as a name with a tag, as Go does', () => {
    expect(parseAnyReference('sha256:dbcc1c35')).toEqual({ kind: 'named', ref: parse('docker.io/library/sha256:dbcc1c35') });
  });

  it('passes name errors through', () => {
    expect(rejection(() => parseAnyReference('MyApp'))).toBe('invalid reference format: repository name (library/MyApp) must be lowercase');
  });
});

describe('parseDockerRef (Go TestParseDockerRef)', () => {
  const digest = 'sha256:e6693c20186f837fc393390135d8a598a96a833917917789d63766cab6c59582';
  it.each([
    ['busybox', 'docker.io/library/busybox:latest'],
    ['busybox:latest', 'docker.io/library/busybox:latest'],
    [`busybox@${digest}`, `docker.io/library/busybox@${digest}`],
    ['library/busybox', 'docker.io/library/busybox:latest'],
    ['docker.io/busybox', 'docker.io/library/busybox:latest'],
    ['docker.io/library/busybox', 'docker.io/library/busybox:latest'],
    ['docker.io/busybox:latest', 'docker.io/library/busybox:latest'],
    ['library/busybox:latest', 'docker.io/library/busybox:latest'],
    ['docker.io/library/busybox:latest', 'docker.io/library/busybox:latest'],
    ['gcr.io/library/busybox', 'gcr.io/library/busybox:latest'],
    [`gcr.io/library/busybox:latest@${digest}`, `gcr.io/library/busybox@${digest}`],
  ])('%j becomes %j', (input, expected) => {
    const output = referenceString(parseDockerRef(input));
    expect(output).toBe(expected);
    expect(() => parse(output)).not.toThrow();
  });
});

describe('familiar and canonical forms', () => {
  it.each([
    ['ubuntu', 'ubuntu', 'ubuntu', 'docker.io/library/ubuntu'],
    ['ubuntu:22.04', 'ubuntu', 'ubuntu:22.04', 'docker.io/library/ubuntu:22.04'],
    ['docker.io/dmcgowan/myapp', 'dmcgowan/myapp', 'dmcgowan/myapp', 'docker.io/dmcgowan/myapp'],
    ['library/foo/bar:1', 'library/foo/bar', 'library/foo/bar:1', 'docker.io/library/foo/bar:1'],
    ['localhost:5000/app:dev', 'localhost:5000/app', 'localhost:5000/app:dev', 'localhost:5000/app:dev'],
    [`redis@${REDIS_DIGEST}`, 'redis', `redis@${REDIS_DIGEST}`, `docker.io/library/redis@${REDIS_DIGEST}`],
  ])('%j: name %j, familiar %j, canonical %j', (input, name, familiar, canonical) => {
    const ref = parseNormalizedNamed(input);
    expect(familiarName(ref)).toBe(name);
    expect(familiarString(ref)).toBe(familiar);
    expect(referenceString(ref)).toBe(canonical);
    expect(string(ref)).toBe(canonical);
    expect(parseNormalizedNamed(familiar)).toEqual(ref);
    expect(parseNormalizedNamed(canonical)).toEqual(ref);
  });

  it('familiarises references parsed without normalisation too', () => {
    expect(familiarString(parse('docker.io/library/redis:7'))).toBe('redis:7');
    expect(familiarize(parse('redis:7'))).toEqual({ domain: '', path: 'redis', tag: '7' });
  });

  it('adds latest only to a bare name (TagNameOnly)', () => {
    expect(referenceString(tagNameOnly(parseNormalizedNamed('ubuntu')))).toBe('docker.io/library/ubuntu:latest');
    expect(referenceString(tagNameOnly(parseNormalizedNamed('ubuntu:20.04')))).toBe('docker.io/library/ubuntu:20.04');
    expect(referenceString(tagNameOnly(parseNormalizedNamed(`ubuntu@${REDIS_DIGEST}`)))).toBe(`docker.io/library/ubuntu@${REDIS_DIGEST}`);
    expect(isNameOnly(parseNormalizedNamed('ubuntu'))).toBe(true);
  });

  it("shows Go's ambiguous familiar forms, which parse back as something else", () => {
    // On Docker Hub, a namespace with a dot or named localhost loses its domain when familiarised...
    const dotted = parseNormalizedNamed('docker.io/foo.bar/app');
    expect(familiarString(dotted)).toBe('foo.bar/app');
    // ...and the familiar form then names a registry.
    expect(parseNormalizedNamed('foo.bar/app')).toEqual({ domain: 'foo.bar', path: 'app' });
    expect(familiarString(parseNormalizedNamed('docker.io/localhost/app'))).toBe('localhost/app');
    // An official image named like an image ID has a familiar form that is refused as a name.
    const hexNamed = parseNormalizedNamed(`docker.io/${HEX_ID}`);
    expect(familiarString(hexNamed)).toBe(HEX_ID);
    expect(rejection(() => parseNormalizedNamed(HEX_ID))).toContain('cannot specify 64-byte hexadecimal strings');
  });

  it("keeps Go's empty domain for a dotted first component that is not a valid host", () => {
    // splitDockerDomain takes "foo_bar.com" for a domain, but the grammar does not, so the
    // whole name becomes the path of a reference without domain.
    const ref = parseNormalizedNamed('foo_bar.com/app:1');
    expect(ref).toEqual({ domain: '', path: 'foo_bar.com/app', tag: '1' });
    expect(string(ref)).toBe('foo_bar.com/app:1');
    expect(familiarString(ref)).toBe('foo_bar.com/app:1');
    expect(rejection(() => parseNormalizedNamed('foo_bar:5000/app'))).toBe(INVALID_FORMAT);
  });

  it('reports the short uppercase error for an uppercase first component that is not a host', () => {
    // "Foo_Bar" is taken for a domain, so only "x" is checked for case; the grammar then
    // reads the whole name as a path and finds the uppercase.
    expect(rejection(() => parseNormalizedNamed('Foo_Bar/x'))).toBe(NAME_UPPERCASE);
  });

  it('compares references field by field', () => {
    expect(referencesEqual(parseNormalizedNamed('ubuntu'), parseNormalizedNamed('docker.io/library/ubuntu'))).toBe(true);
    expect(referencesEqual(parseNormalizedNamed('ubuntu'), parseNormalizedNamed('ubuntu:latest'))).toBe(false);
  });

  it('returns frozen references without empty fields', () => {
    const ref = parseNormalizedNamed('ubuntu');
    expect(Object.isFrozen(ref)).toBe(true);
    expect(Object.keys(ref)).toEqual(['domain', 'path']);
  });
});

describe('isImageIdLike', () => {
  it.each(['a', 'abc123', '3f57d9401f8d', HEX_ID, `sha256:${HEX_ID}`, 'sha256:3f57'])('accepts %j', (text) => {
    expect(isImageIdLike(text)).toBe(true);
  });

  it.each(['', 'ubuntu', 'ABC', `${HEX_ID}0`, 'sha256:', 'sha512:abc', 'abc:latest', 'g1'])('rejects %j', (text) => {
    expect(isImageIdLike(text)).toBe(false);
  });
});

describe('familiarMatch (Go TestMatch)', () => {
  it.each([
    ['foo', 'foo/**/ba[rz]', false],
    ['foo/any/bat', 'foo/**/ba[rz]', false],
    ['foo/a/bar', 'foo/**/ba[rz]', true],
    ['foo/b/baz', 'foo/**/ba[rz]', true],
    ['foo/c/baz:tag', 'foo/**/ba[rz]', true],
    ['foo/c/baz:tag', 'foo/*/baz:tag', true],
    ['foo/c/baz:tag', 'foo/c/baz:tag', true],
    ['example.com/foo/c/baz:tag', '*/foo/c/baz', true],
    ['example.com/foo/c/baz:tag', 'example.com/foo/c/baz', true],
    // As `docker images` uses it: against the familiar name or the familiar string.
    ['ubuntu:22.04', 'ubuntu', true],
    ['ubuntu:22.04', 'ubuntu:2*', true],
    ['ubuntu:22.04', 'docker.io/library/ubuntu', false],
    ['myuser/app', 'my*', false],
  ])('%j against %j is %j', (reference, pattern, expected) => {
    const any = parseAnyReference(reference);
    if (any.kind !== 'named') throw new Error('expected a name');
    expect(familiarMatch(pattern, any.ref)).toBe(expected);
  });

  it('reports a malformed pattern (Go TestMatchError)', () => {
    expect(() => familiarMatch('[-x]', parseNormalizedNamed('foo'))).toThrow(PatternSyntaxError);
    expect(() => familiarMatch('[-x]', parseNormalizedNamed('foo'))).toThrow('syntax error in pattern');
  });
});

describe('the regular expressions (Go regexp_test.go)', () => {
  it.each([
    ['test.com', true],
    ['test.com:10304', true],
    ['test.com:http', false],
    ['localhost', true],
    ['localhost:8080', true],
    ['a', true],
    ['a.b', true],
    ['ab.cd.com', true],
    ['a-b.com', true],
    ['-ab.com', false],
    ['ab-.com', false],
    ['ab.c-om', true],
    ['ab.-com', false],
    ['ab.com-', false],
    ['0101.com', true],
    ['001a.com', true],
    ['b.gbc.io:443', true],
    ['b.gbc.io', true],
    ['xn--n3h.com', true],
    ['Asdf.com', true],
    ['192.168.1.1:75050', true],
    ['192.168.1.1:750050', true],
    ['[fd00:1:2::3]:75050', true],
    ['[fd00:1:2::3]75050', false],
    ['[fd00:1:2::3]::75050', false],
    ['[fd00:1:2::3%eth0]:75050', false],
    ['[fd00123123123]:75050', true],
    ['[2001:0db8:85a3:0000:0000:8a2e:0370:7334]:75050', true],
    ['[2001:0db8:85a3:0000:0000:8a2e:0370:7334]:750505', true],
    ['fd00:1:2::3:75050', false],
  ])('domain %j matches: %j', (input, match) => {
    expect(REFERENCE_REGEXPS.domain.test(input)).toBe(match);
  });

  it.each<[string, [string, string] | null]>([
    ['', null],
    ['short', ['', 'short']],
    ['simple/name', ['simple', 'name']],
    ['library/ubuntu', ['library', 'ubuntu']],
    ['docker/stevvooe/app', ['docker', 'stevvooe/app']],
    ['aa/aa/aa/aa/aa/aa/aa/aa/aa/bb/bb/bb/bb/bb/bb', ['aa', 'aa/aa/aa/aa/aa/aa/aa/aa/bb/bb/bb/bb/bb/bb']],
    ['aa/aa/bb/bb/bb', ['aa', 'aa/bb/bb/bb']],
    ['a/a/a/a', ['a', 'a/a/a']],
    ['a/a/a/a/', null],
    ['a//a/a', null],
    ['a', ['', 'a']],
    ['a/aa', ['a', 'aa']],
    ['a/aa/a', ['a', 'aa/a']],
    ['foo.com', ['', 'foo.com']],
    ['foo.com/', null],
    ['foo.com:8080/bar', ['foo.com:8080', 'bar']],
    ['foo.com:http/bar', null],
    ['foo.com/bar', ['foo.com', 'bar']],
    ['foo.com/bar/baz', ['foo.com', 'bar/baz']],
    ['localhost:8080/bar', ['localhost:8080', 'bar']],
    ['sub-dom1.foo.com/bar/baz/quux', ['sub-dom1.foo.com', 'bar/baz/quux']],
    ['blog.foo.com/bar/baz', ['blog.foo.com', 'bar/baz']],
    ['a^a', null],
    ['aa/asdf$$^/aa', null],
    ['asdf$$^/aa', null],
    ['aa-a/a', ['aa-a', 'a']],
    [`${'a/'.repeat(128)}a`, ['a', `${'a/'.repeat(127)}a`]],
    ['a-/a/a/a', null],
    ['foo.com/a-/a/a', null],
    ['-foo/bar', null],
    ['foo/bar-', null],
    ['foo-/bar', null],
    ['foo/-bar', null],
    ['_foo/bar', null],
    ['foo_bar', ['', 'foo_bar']],
    ['foo_bar.com', ['', 'foo_bar.com']],
    ['foo_bar.com:8080', null],
    ['foo_bar.com:8080/app', null],
    ['foo.com/foo_bar', ['foo.com', 'foo_bar']],
    ['____/____', null],
    ['_docker/_docker', null],
    ['docker_/docker_', null],
    ['b.gcr.io/test.example.com/my-app', ['b.gcr.io', 'test.example.com/my-app']],
    ['xn--n3h.com/myimage', ['xn--n3h.com', 'myimage']],
    ['xn--7o8h.com/myimage', ['xn--7o8h.com', 'myimage']],
    ['example.com/xn--7o8h.com/myimage', ['example.com', 'xn--7o8h.com/myimage']],
    ['example.com/some_separator__underscore/myimage', ['example.com', 'some_separator__underscore/myimage']],
    ['example.com/__underscore/myimage', null],
    ['example.com/..dots/myimage', null],
    ['example.com/.dots/myimage', null],
    ['example.com/nodouble..dots/myimage', null],
    ['docker./docker', null],
    ['.docker/docker', null],
    ['docker-/docker', null],
    ['-docker/docker', null],
    ['do..cker/docker', null],
    ['do__cker:8080/docker', null],
    ['do__cker/docker', ['', 'do__cker/docker']],
    ['registry.io/foo/project--id.module--name.ver---sion--name', ['registry.io', 'foo/project--id.module--name.ver---sion--name']],
    ['Asdf.com/foo/bar', ['Asdf.com', 'foo/bar']],
    ['Foo/FarB', null],
  ])('name %j splits into %j', (input, subs) => {
    const match = REFERENCE_REGEXPS.name.exec(input);
    expect(match === null ? null : [match[1] ?? '', match[2] ?? '']).toEqual(subs);
  });

  const be17 = 'sha256:be178c0543eb17f5f3043021c9e5fcf30285e557a4fc309cce97ff9ca6182912';
  it.each<[string, [string, string, string] | null]>([
    ['registry.com:8080/myapp:tag', ['registry.com:8080/myapp', 'tag', '']],
    [`registry.com:8080/myapp@${be17}`, ['registry.com:8080/myapp', '', be17]],
    [`registry.com:8080/myapp:tag2@${be17}`, ['registry.com:8080/myapp', 'tag2', be17]],
    ['registry.com:8080/myapp@sha256:badbadbadbad', null],
    ['registry.com:8080/myapp:invalid~tag', null],
    ['bad_hostname.com:8080/myapp:tag', null],
    // localhost alone is a name: 8080 is its tag.
    [`localhost:8080@${be17}`, ['localhost', '8080', be17]],
    [`localhost:8080/name@${be17}`, ['localhost:8080/name', '', be17]],
    [`localhost:http/name@${be17}`, null],
    [`localhost@${be17}`, ['localhost', '', be17]],
    ['registry.com:8080/myapp@bad', null],
    ['registry.com:8080/myapp@2bad', null],
  ])('reference %j captures %j', (input, subs) => {
    const match = REFERENCE_REGEXPS.reference.exec(input);
    expect(match === null ? null : [match[1] ?? '', match[2] ?? '', match[3] ?? '']).toEqual(subs);
  });

  it.each([
    ['da304e823d8ca2b9d863a3c897baeb852ba21ea9a9f1414736394ae7fcaf9821', true],
    ['7EC43B381E5AEFE6E04EFB0B3F0693FF2A4A50652D64AEC573905F2DB5889A1C', false],
    ['da304e823d8ca2b9d863a3c897baeb852ba21ea9a9f1414736394ae7fcaf', false],
    ['sha256:da304e823d8ca2b9d863a3c897baeb852ba21ea9a9f1414736394ae7fcaf9821', false],
    ['da304e823d8ca2b9d863a3c897baeb852ba21ea9a9f1414736394ae7fcaf98218482', false],
  ])('identifier %j matches: %j', (input, match) => {
    expect(REFERENCE_REGEXPS.identifier.test(input)).toBe(match);
  });

  it('stays fast on long hostile input, unlike a naive backtracking grammar', () => {
    const hostile = ['a-'.repeat(5000) + 'a:', 'a.'.repeat(5000) + '!', `a${'__a'.repeat(3000)}_`, `${'a'.repeat(20000)}!`];
    const started = Date.now();
    for (const text of hostile) expect(() => parseNormalizedNamed(text)).toThrow(InvalidReferenceError);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

// Generators for the properties: every part of the grammar, with the corner
// cases (Docker Hub aliases, localhost, uppercase and IPv6 domains, dotted
// namespaces) drawn often enough to meet.
const pathComponentArb = fc.oneof(
  fc.stringMatching(/^[a-z0-9]{1,8}(?:(?:[._]|__|-{1,3})[a-z0-9]{1,5}){0,2}$/),
  fc.constantFrom('library', 'localhost', 'foo.bar', 'index.docker.io', 'docker.io', 'sha256', HEX_ID),
);
const domainArb = fc.oneof(
  fc.constantFrom('docker.io', 'index.docker.io', 'localhost', 'localhost:5000', 'Foo', 'REGISTRY', '127.0.0.1:5000', '[::1]:5000', '[2001:db8::1]'),
  fc.stringMatching(/^[a-z0-9]{1,6}(?:-[a-z0-9]{1,4})?(?:\.[a-zA-Z0-9]{1,6}){1,2}(?::[0-9]{1,5})?$/),
  fc.stringMatching(/^[a-z0-9]{1,6}:[0-9]{1,5}$/),
);
const tagArb = fc.stringMatching(/^[\w][\w.-]{0,20}$/);
const digestArb = fc.oneof(
  fc.stringMatching(/^[a-f0-9]{64}$/).map((hex) => `sha256:${hex}`),
  fc.stringMatching(/^[a-f0-9]{128}$/).map((hex) => `sha512:${hex}`),
);
const referenceTextArb = fc
  .record({
    domain: fc.option(domainArb),
    path: fc.array(pathComponentArb, { minLength: 1, maxLength: 3 }),
    tag: fc.option(tagArb),
    digest: fc.option(digestArb),
  })
  .map(({ domain, path, tag, digest }) => {
    const name = [...(domain === null ? [] : [domain]), ...path].join('/');
    return name + (tag === null ? '' : `:${tag}`) + (digest === null ? '' : `@${digest}`);
  });

/** The references whose familiar form Go itself cannot read back (see the test above). */
function familiarFormIsAmbiguous(ref: Reference): boolean {
  if (ref.domain !== 'docker.io') return false;
  const { path } = familiarize(ref);
  const [first = ''] = path.split('/');
  if (path.includes('/') && (first.includes('.') || first === 'localhost')) return true;
  return isNameOnly(ref) && REFERENCE_REGEXPS.identifier.test(path);
}

function tryParse(text: string): Reference | undefined {
  try {
    return parseNormalizedNamed(text);
  } catch {
    return undefined;
  }
}

describe('properties', () => {
  const throwsOnlyInvalidReference = (text: string): void => {
    try {
      parseNormalizedNamed(text);
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidReferenceError);
      expect((error as Error).message).not.toBe('');
    }
  };

  it('parseNormalizedNamed throws nothing but InvalidReferenceError, for any string', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 80 }), throwsOnlyInvalidReference), { numRuns: 2000 });
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), throwsOnlyInvalidReference), { numRuns: 1000 });
    const referenceChars = fc.constantFrom(...'aZ09._-_/:@[]%sha256:'.split(''));
    fc.assert(fc.property(fc.string({ unit: referenceChars, maxLength: 60 }), throwsOnlyInvalidReference), { numRuns: 3000 });
  });

  it('parseNormalizedNamed throws nothing but InvalidReferenceError for near-valid references', () => {
    const mutated = fc.tuple(referenceTextArb, fc.nat(), fc.constantFrom('', 'A', ':', '/', '@', '.', '-', '_', ' ', 'é')).map(([text, at, insert]) => {
      const position = at % (text.length + 1);
      return text.slice(0, position) + insert + text.slice(position + 1);
    });
    fc.assert(fc.property(mutated, throwsOnlyInvalidReference), { numRuns: 3000 });
  });

  it('canonical strings always parse back to the same reference; familiar ones unless Go finds them ambiguous', () => {
    let checked = 0;
    fc.assert(
      fc.property(referenceTextArb, (text) => {
        const ref = tryParse(text);
        fc.pre(ref !== undefined);
        if (ref === undefined) return;
        checked++;
        expect(parseNormalizedNamed(string(ref))).toEqual(ref);
        const familiar = tryParse(familiarString(ref));
        const roundTrips = familiar !== undefined && referencesEqual(familiar, ref);
        expect(roundTrips).toBe(!familiarFormIsAmbiguous(ref));
        if (!familiarFormIsAmbiguous(ref)) expect(familiar).toEqual(ref);
      }),
      { numRuns: 3000 },
    );
    expect(checked).toBeGreaterThan(1000);
  });

  it('familiarising and normalising agree with Go on every generated reference', () => {
    fc.assert(
      fc.property(referenceTextArb, (text) => {
        const ref = tryParse(text);
        fc.pre(ref !== undefined);
        if (ref === undefined) return;
        // Docker Hub is always docker.io, and a name without a domain is always on Docker Hub...
        expect(ref.domain).not.toBe('index.docker.io');
        // ...except when the first component looks like a domain but is not one (see the quirk above).
        if (ref.domain === '') expect(ref.path.split('/')[0]).toMatch(/[.]/);
        if (ref.domain === 'docker.io') expect(ref.path).toContain('/');
        // The familiar form never names docker.io, and differs only by the dropped prefixes.
        expect(familiarString(ref).startsWith('docker.io/')).toBe(ref.domain === 'docker.io' && ref.path.startsWith('docker.io/'));
        expect(referenceString(ref).endsWith(familiarString(ref))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
