import type { CatalogEntry } from '../catalog/format';

/**
 * The distributions' package archives a container reaches (deb.debian.org,
 * dl-cdn.alpinelinux.org), as static files next to the image catalog,
 * fetched only when a package manager in a container asks for them. Written by
 * scripts/catalog/ from real packages (Debian) or curated data (Alpine).
 *
 * public/catalog/packages/<mirror>/index.json            MirrorIndex
 * public/catalog/packages/<mirror>/<contents>.json       PackageContents (PackageInfo.contents)
 *
 * <mirror>: "alpine-v3.20" (main and community), "debian-bookworm"
 * (bookworm, bookworm-updates and bookworm-security, main), "ubuntu-noble",
 * "ubuntu-jammy" (whose packages are bookworm's, see scripts/catalog/ubuntu.ts).
 */
export const PACKAGES_VERSION = 1;

export interface MirrorIndex {
  version: typeof PACKAGES_VERSION;
  format: 'apk' | 'deb';
  /**
   * What an update downloads, in order: apk's APKINDEX.tar.gz per repository,
   * apt's InRelease and Packages files.
   */
  indexFiles: IndexFile[];
  /** By package name. */
  packages: Record<string, PackageInfo>;
}

export interface IndexFile {
  /**
   * What the package manager names when it fetches it: for apk the URL
   * (`https://dl-cdn.alpinelinux.org/alpine/v3.20/main/x86_64/APKINDEX.tar.gz`),
   * for apt its `Get:` description (`http://deb.debian.org/debian bookworm/main amd64 Packages`).
   */
  name: string;
  /** Bytes downloaded. */
  size: number;
  /**
   * Where it is kept afterwards, and how big it is there: apt's
   * `/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4`,
   * apk's `/var/cache/apk/APKINDEX.<8 hex>.tar.gz`.
   */
  path: string;
  storedSize: number;
  /** apk: the line `apk update` prints for the repository (`v3.20.3-119-gbca3ad8e9ed [https://…/v3.20/main]`), and its package count. */
  description?: string;
  count?: number;
}

export interface PackageInfo {
  version: string;
  /** apk's A: (x86_64, noarch) or Debian's Architecture (amd64, all). */
  architecture: string;
  /** One line: apk's T:, the first line of Debian's Description. */
  summary: string;
  /** Where it comes from: apk's repository ("main", "community"), apt's "bookworm/main", "bookworm-security/main". */
  origin: string;
  /** Debian's Section (e.g. "web", "libs"). */
  section?: string;
  /** Debian's Priority ("required", "important", "optional"). */
  priority?: string;
  /** Debian's Essential: yes. */
  essential?: boolean;
  /** Debian's Multi-Arch: "same" packages are named `name:amd64` by apt and dpkg. */
  multiArch?: string;
  /** Bytes of the package file (.apk, .deb). */
  size: number;
  /** Bytes it takes installed (apk's I:, Debian's Installed-Size × 1024). */
  installedSize: number;
  /**
   * Its dependencies (Debian: Pre-Depends and Depends): each group lists
   * alternatives, the preferred first. A name may be virtual (another
   * package's `provides`), including apk's `so:libz.so.1` and `cmd:curl`.
   * Version constraints are dropped.
   */
  depends: string[][];
  /** Debian: Recommends (installed by default) and Suggests (only listed). */
  recommends?: string[][];
  suggests?: string[][];
  /** Names it provides. */
  provides?: string[];
  /** apk: directories its trigger watches (busybox's, ca-certificates'). */
  triggers?: string[];
  /** apk: installed by itself once every package named here is installed (install_if, `i:`). */
  installIf?: string[];
  /** apk: the scripts it runs (`pre-install`, `post-install`, `pre-deinstall`…), which apk names as it runs them. */
  scripts?: string[];
  /** Debian: where the archive is below the repository's URI (its Filename, `pool/main/c/curl/curl_7.88.1-10+deb12u8_amd64.deb`). */
  filename?: string;
  /** The contents file (below the mirror, without .json). */
  contents: string;
}

export interface PackageContents {
  version: typeof PACKAGES_VERSION;
  /** Seeds the bytes of generated files, like CatalogLayer.key: a file is `<key>:<path>`, so a binary is known by its installed path. */
  key: string;
  /** What the package's archive holds, in path order (directories included). */
  entries: CatalogEntry[];
  /**
   * Its database record: Debian's control stanza as dpkg writes it to
   * /var/lib/dpkg/status, without the Status line; apk's record in
   * /lib/apk/db/installed without its F:/R:/a:/Z: lines.
   */
  record: string;
  /** Debian: the control files dpkg keeps in /var/lib/dpkg/info (md5sums, conffiles, postinst…), by name, as text. */
  info?: Record<string, string>;
  /** What configuring it adds besides its archive (alternatives' links, ca-certificates' /etc/ssl/certs), as entries. */
  configured?: CatalogEntry[];
  /** Lines its maintainer scripts print when it is configured (update-alternatives: using …). */
  messages?: string[];
  /** Debian: the packages whose triggers installing it activates ("libc-bin" for ldconfig, "ca-certificates"). */
  activates?: string[];
}
