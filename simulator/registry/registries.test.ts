import { describe, expect, it } from 'vitest';
import { EngineError } from '../errdefs/errors';
import { MemoryRegistry } from './memory';
import { INDEX_SERVER, Registries, unknownHost } from './registries';

const HUB_LEARNER = { username: 'learner', password: 'layerlab-password' };

function refusal(work: () => unknown): string {
  try {
    work();
  } catch (error) {
    if (error instanceof EngineError) return error.message;
    throw error;
  }
  return 'no error';
}

describe('Registries', () => {
  it('logs the lesson account in to Docker Hub, by password or personal access token', () => {
    const registries = new Registries(new MemoryRegistry());
    expect(registries.login(INDEX_SERVER, HUB_LEARNER)).toBe('Login Succeeded');
    expect(registries.login('docker.io', { username: 'learner', password: 'dckr_pat_layerlab_learner' })).toBe('Login Succeeded');
    expect(refusal(() => registries.login(INDEX_SERVER, { username: 'learner', password: 'nope' }))).toBe(
      'Get "https://registry-1.docker.io/v2/": unauthorized: incorrect username or password',
    );
  });

  it('keeps each registry its own realm: Docker Hub credentials mean nothing to ghcr.io', () => {
    const registries = new Registries(new MemoryRegistry());
    expect(refusal(() => registries.login('ghcr.io', HUB_LEARNER))).toBe('Get "https://ghcr.io/v2/": denied: denied');
    expect(registries.userOf('ghcr.io', HUB_LEARNER)).toBeUndefined();
    expect(registries.userOf('docker.io', HUB_LEARNER)).toBe('learner');
  });

  it('takes any login on the open registry at localhost:5000', () => {
    expect(new Registries(new MemoryRegistry()).login('localhost:5000', { username: 'x', password: 'y' })).toBe('Login Succeeded');
  });

  it('creates accounts and tokens, and a revoked token no longer logs in', () => {
    const registries = new Registries(new MemoryRegistry());
    registries.createAccount('docker.io', 'ada', 'lovelace');
    const token = registries.createToken('docker.io', 'ada');
    expect(token).toMatch(/^dckr_pat_[0-9a-f]{27}$/);
    expect(registries.login(INDEX_SERVER, { username: 'ada', password: token ?? '' })).toBe('Login Succeeded');
    expect(registries.revokeToken('docker.io', token ?? '')).toBe(true);
    expect(refusal(() => registries.login(INDEX_SERVER, { username: 'ada', password: token ?? '' }))).toContain('incorrect username or password');
    expect(registries.createToken('docker.io', 'nobody')).toBeUndefined();
  });

  it('lets an account write only its own namespace, and nobody the official repositories', () => {
    const hub = new Registries(new MemoryRegistry()).registry('docker.io');
    expect(hub.canWrite('learner/app', 'learner')).toBe(true);
    expect(hub.canWrite('someone/app', 'learner')).toBe(false);
    expect(hub.canWrite('library/ubuntu', 'learner')).toBe(false);
    expect(hub.canWrite('learner/app', undefined)).toBe(false);
  });

  it('serves a public repository to anyone and a private one only to its owner', async () => {
    const registries = new Registries(new MemoryRegistry());
    const hub = registries.registry('docker.io');
    const config = JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] } });
    hub.putManifest('learner/app', 'v1', 'sha256:'.padEnd(71, '0') as `sha256:${string}`, JSON.stringify({ layers: [] }), config, 0);
    expect(registries.repositories('docker.io')).toEqual([{ path: 'learner/app', visibility: 'public', tags: ['v1'] }]);
    expect(typeof (await registries.resolve('docker.io/learner/app', 'v1'))).toBe('object');
    expect(registries.setVisibility('docker.io', 'learner/app', 'private')).toBe(true);
    expect(await registries.resolve('docker.io/learner/app', 'v1')).toBe('repository not found');
    expect(await registries.resolve('docker.io/learner/app', 'v1', { username: 'learner', password: 'wrong' })).toBe('repository not found');
    expect(typeof (await registries.resolve('docker.io/learner/app', 'v1', HUB_LEARNER))).toBe('object');
    expect(registries.setVisibility('docker.io', 'learner/none', 'private')).toBe(false);
  });

  it('answers for a host outside the simulated world as a daemon that cannot resolve it', () => {
    const registries = new Registries(new MemoryRegistry());
    expect(refusal(() => registries.registry('nosuch.example.com'))).toBe('Get "https://nosuch.example.com/v2/": dial tcp: lookup nosuch.example.com: no such host');
    expect(unknownHost('localhost:5001').message).toBe('Get "http://localhost:5001/v2/": dial tcp [::1]:5001: connect: connection refused');
    expect(unknownHost('127.0.0.1:8080').message).toBe('Get "http://127.0.0.1:8080/v2/": dial tcp 127.0.0.1:8080: connect: connection refused');
  });

  it('keeps accounts, tokens and repositories through its JSON', () => {
    const registries = new Registries(new MemoryRegistry());
    registries.createAccount('ghcr.io', 'octo', 'ghp_octo');
    const token = registries.createToken('docker.io', 'learner') ?? '';
    registries.revokeToken('docker.io', 'dckr_pat_layerlab_learner');
    const restored = new Registries(new MemoryRegistry());
    restored.restore(JSON.parse(JSON.stringify(registries.toJSON())), () => new Map());
    expect(restored.userOf('ghcr.io', { username: 'octo', password: 'ghp_octo' })).toBe('octo');
    expect(restored.userOf('docker.io', { username: 'learner', password: token })).toBe('learner');
    expect(restored.userOf('docker.io', { username: 'learner', password: 'dckr_pat_layerlab_learner' })).toBeUndefined();
    expect(restored.createToken('docker.io', 'learner')).not.toBe(token);
  });
});
