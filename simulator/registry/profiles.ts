import type { Visibility } from './hosted';

/** A seeded account, for the lessons (documented in the README's Registries section). */
export interface LessonAccount {
  username: string;
  password: string;
  namespaces: readonly string[];
  tokens?: readonly string[];
}

/** What sets one simulated registry apart: its host, how it says no, who may use it. */
export interface RegistryProfile {
  /** The reference domain (`docker.io`, `ghcr.io`, `localhost:5000`). */
  host: string;
  /** Why a login with wrong credentials fails, as the daemon reports it. */
  loginFailure: string;
  /** Why a push without credentials is refused (the registry's errcode as moby prints it). */
  anonymousPushDenied: string;
  /**
   * Why a pull without credentials is refused (a private repository, or one
   * that does not exist: registries answer both alike), as moby prints it.
   * `request` is what failed: `Head` of the manifest
   * (`https://ghcr.io/v2/learner/app/manifests/1.0`), or `Get` of the tag
   * list for `--all-tags`; `path` the repository path. Undefined for Docker
   * Hub, whose token server answers `insufficient_scope`, which moby turns
   * into its "pull access denied for …" (daemon/internal/distribution/errors.go
   * notFoundError), and for an open registry.
   */
  anonymousPullDenied?: (request: { method: 'Head' | 'Get'; url: string; path: string }) => string;
  /** What a new repository is until its owner changes it. */
  defaultVisibility: Visibility;
  /** No authentication at all (the registry:2 image as `docker run -p 5000:5000 registry` starts it). */
  open?: boolean;
  account?: LessonAccount;
  /** Repository paths served read-only from the catalog (`library/…`, Google's `distroless/…`). */
  catalogPaths?: RegExp;
}

/** The errcode text of distribution's ErrorCodeDenied, which Docker Hub answers every forbidden push with. */
export const DENIED = 'denied: requested access to the resource is denied';
/** The errcode text of distribution's ErrorCodeUnauthorized. */
const UNAUTHORIZED = 'unauthorized: authentication required';

/**
 * A refusal that happens while the client fetches its token: the error
 * comes back through Go's http.Client, which wraps it as a *url.Error
 * (`Head "https://…/manifests/v1": <error>`).
 */
function duringRequest(message: string): (request: { method: string; url: string }) => string {
  return ({ method, url }) => `${method} "${url}": ${message}`;
}

export const ECR_HOST = '123456789012.dkr.ecr.us-east-1.amazonaws.com';

/**
 * The registries of the simulated world. Login failures are the texts real
 * registries answer (sources: docker/hub-feedback#1098 for Docker Hub,
 * docker/login-action#26 for ghcr.io, GoogleCloudPlatform/cloud-sdk-docker#328
 * for gcr.io, aws/aws-cli#4962 for ECR, Azure/azure-cli#29659 for ACR,
 * goharbor/harbor#7464 for Harbor).
 */
export const REGISTRY_PROFILES: readonly RegistryProfile[] = [
  {
    host: 'docker.io',
    loginFailure: 'Get "https://registry-1.docker.io/v2/": unauthorized: incorrect username or password',
    anonymousPushDenied: DENIED,
    defaultVisibility: 'public',
    account: { username: 'learner', password: 'layerlab-password', namespaces: ['learner'], tokens: ['dckr_pat_layerlab_learner'] },
    catalogPaths: /^library\//,
  },
  {
    host: 'ghcr.io',
    loginFailure: 'Get "https://ghcr.io/v2/": denied: denied',
    anonymousPushDenied: UNAUTHORIZED,
    // ghcr.io's token server refuses an anonymous client outright (beeper/registration-relay#3, praetorian-inc/snowcat#29).
    anonymousPullDenied: duringRequest('unauthorized'),
    defaultVisibility: 'private',
    // GitHub takes a personal access token (classic: `ghp_` and 36 characters) where a password would go.
    account: { username: 'learner', password: 'ghp_LayerlabLearnerToken0123456789abcdef', namespaces: ['learner'] },
  },
  {
    host: 'gcr.io',
    loginFailure: 'Get "https://gcr.io/v2/": unauthorized: failed authentication',
    anonymousPushDenied: UNAUTHORIZED,
    // The manifest request itself is answered 401 with this errcode (GoogleCloudPlatform/docker-credential-gcr#70, allenai/open-instruct#81).
    anonymousPullDenied: () =>
      "unauthorized: You don't have the needed permissions to perform this operation, and you may have invalid credentials. To authenticate your request, follow the steps in: https://cloud.google.com/container-registry/docs/advanced-authentication",
    defaultVisibility: 'private',
    // `gcloud auth print-access-token | docker login -u oauth2accesstoken --password-stdin gcr.io`
    account: { username: 'oauth2accesstoken', password: 'ya29.layerlab-learner-access-token', namespaces: ['layerlab-demo'] },
    catalogPaths: /^distroless\//,
  },
  {
    host: ECR_HOST,
    loginFailure: `login attempt to https://${ECR_HOST}/v2/ failed with status: 400 Bad Request`,
    anonymousPushDenied: 'no basic auth credentials',
    // ECR wants basic credentials and has no token server (aws/amazon-vpc-cni-k8s#1217, kubesphere/s2irun#44).
    anonymousPullDenied: duringRequest('no basic auth credentials'),
    defaultVisibility: 'private',
    // `aws ecr get-login-password | docker login -u AWS --password-stdin …`
    account: { username: 'AWS', password: 'layerlab-ecr-token', namespaces: ['*'] },
  },
  {
    host: 'layerlab.azurecr.io',
    loginFailure:
      'Get "https://layerlab.azurecr.io/v2/": unauthorized: {"errors":[{"code":"UNAUTHORIZED","message":"authentication required, visit https://aka.ms/acr/authorization for more information."}]}',
    anonymousPushDenied: UNAUTHORIZED,
    // dotnet/tye#1185, helm/helm#12189.
    anonymousPullDenied: duringRequest('unauthorized: authentication required, visit https://aka.ms/acr/authorization for more information.'),
    defaultVisibility: 'private',
    // An ACR's admin user is named after the registry.
    account: { username: 'layerlab', password: 'layerlab-acr-password', namespaces: ['*'] },
  },
  {
    host: 'harbor.example.com',
    loginFailure: 'Get "https://harbor.example.com/v2/": unauthorized: authentication required',
    anonymousPushDenied: UNAUTHORIZED,
    // Harbor 2 answers the manifest request 401, its message twice (goharbor/harbor#17713, #17845).
    anonymousPullDenied: ({ path }) => `unauthorized: unauthorized to access repository: ${path}, action: pull: unauthorized to access repository: ${path}, action: pull`,
    defaultVisibility: 'private',
    account: { username: 'learner', password: 'Harbor-learner-1', namespaces: ['lessons'] },
  },
  { host: 'localhost:5000', loginFailure: '', anonymousPushDenied: UNAUTHORIZED, defaultVisibility: 'public', open: true },
];
