import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertToHostname, credentialsFor, parseDockerConfig, serializeDockerConfig, type DockerConfig } from './config-file';
import { decodeGoJson } from './go-json';

const config = (auths: Array<[string, { username: string; password: string }]>, rest: Record<string, unknown> = {}): DockerConfig => ({ path: '/home/learner/.docker/config.json', auths: new Map(auths), rest });

describe('config.json', () => {
  it('is written as docker/cli writes it: tab-indented, auths sorted, each login as base64 user:password', () => {
    const text = serializeDockerConfig(config([['https://index.docker.io/v1/', { username: 'learner', password: 'layerlab-password' }], ['ghcr.io', { username: 'learner', password: 'ghp_x' }]]));
    expect(text).toBe('{\n\t"auths": {\n\t\t"ghcr.io": {\n\t\t\t"auth": "bGVhcm5lcjpnaHBfeA=="\n\t\t},\n\t\t"https://index.docker.io/v1/": {\n\t\t\t"auth": "bGVhcm5lcjpsYXllcmxhYi1wYXNzd29yZA=="\n\t\t}\n\t}\n}');
    expect(serializeDockerConfig(config([]))).toBe('{\n\t"auths": {}\n}');
  });

  it('reads what it writes, and the username/password form of older files', () => {
    const parsed = parseDockerConfig('{"auths":{"localhost:5000":{"username":"a","password":"b"},"https://index.docker.io/v1/":{"auth":"bGVhcm5lcjpzZWNyZXQ6d2l0aDpjb2xvbnM="}}}');
    expect(parsed).toEqual({
      auths: new Map([
        ['localhost:5000', { username: 'a', password: 'b' }],
        ['https://index.docker.io/v1/', { username: 'learner', password: 'secret:with:colons' }],
      ]),
      rest: {},
    });
  });

  it("fails with Go's words for what is not a config", () => {
    expect(parseDockerConfig('garbage')).toEqual({ error: "invalid character 'g' looking for beginning of value" });
    expect(parseDockerConfig('{"auths": ')).toEqual({ error: 'unexpected EOF' });
    expect(parseDockerConfig('{"auths" 1}')).toEqual({ error: "invalid character '1' after object key" });
    expect(parseDockerConfig('{"a": 1 "b": 2}')).toEqual({ error: "invalid character '\"' after object key:value pair" });
    expect(parseDockerConfig('[1]')).toEqual({ error: 'json: cannot unmarshal array into Go value of type configfile.ConfigFile' });
    expect(parseDockerConfig('{"auths": []}')).toEqual({ error: 'json: cannot unmarshal array into Go struct field ConfigFile.auths of type map[string]types.AuthConfig' });
    expect(parseDockerConfig('{"auths": {"x": {"auth": "%%%"}}}')).toEqual({ error: 'illegal base64 data at input byte 0' });
    expect(parseDockerConfig('{"auths": {"x": {"auth": "bm9jb2xvbg=="}}}')).toEqual({ error: 'invalid auth configuration file' });
    // A Decoder reads one value: what follows it does not matter, and nothing at all is an empty config.
    expect(parseDockerConfig('{} trailing')).toEqual({ auths: new Map(), rest: {} });
    expect(parseDockerConfig('  \n')).toEqual({ auths: new Map(), rest: {} });
  });

  it('finds the login for a registry under its key or a URL of its host', () => {
    const file = config([['https://index.docker.io/v1/', { username: 'learner', password: 'p' }], ['https://ghcr.io', { username: 'octo', password: 't' }]]);
    expect(credentialsFor(file, 'docker.io')).toEqual({ username: 'learner', password: 'p' });
    expect(credentialsFor(file, 'ghcr.io')).toEqual({ username: 'octo', password: 't' });
    expect(credentialsFor(file, 'gcr.io')).toBeUndefined();
    expect(convertToHostname('https://harbor.example.com:8443/v2/')).toBe('harbor.example.com:8443');
  });

  it('survives anything a learner writes into the file', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((value) => JSON.stringify({ auths: value }))), (text) => {
        const parsed = parseDockerConfig(text);
        expect('error' in parsed ? typeof parsed.error : parsed.auths instanceof Map).toBe('error' in parsed ? 'string' : true);
      }),
    );
  });

  it('reads back every login it writes', () => {
    const login = fc.record({ username: fc.string({ minLength: 1 }).filter((name) => !name.includes(':')), password: fc.string() });
    fc.assert(
      fc.property(fc.dictionary(fc.string(), login), (auths) => {
        const written = serializeDockerConfig(config(Object.entries(auths)));
        const read = parseDockerConfig(written);
        expect('error' in read ? read.error : Object.fromEntries(read.auths)).toEqual(
          Object.fromEntries(Object.entries(auths).map(([key, { username, password }]) => [key, { username, password: password.replace(/^\0+|\0+$/g, '') }])),
        );
      }),
    );
  });

  it('decodes exactly the texts JSON.parse accepts as one value', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string()), (text) => {
        let valid = true;
        try {
          JSON.parse(text);
        } catch {
          valid = false;
        }
        const decoded = decodeGoJson(text);
        if (valid && text.trim() !== '') expect(decoded).toEqual({ value: JSON.parse(text) });
      }),
    );
  });
});
