/**
 * The Alpine package mirror the simulated `apk` of alpine containers installs
 * from (simulator/packages/format.ts), as Alpine v3.20 (x86_64) served it a
 * few weeks after the 3.20.3 release (early October 2024):
 *
 *   npx tsx scripts/catalog/apk-mirror.ts
 *
 * writes public/catalog/packages/alpine-v3.20/index.json and one contents
 * file per package (<name>-<version>.json).
 *
 * No Alpine mirror can be reached from here, so the data is curated, like the
 * minirootfs in alpine.ts.
 *
 * Real (Alpine's own, or the way Alpine builds it):
 * - the package names and splits (libcurl, vim-common, xxd, git-init-template,
 *   coreutils-env, openssh-client-default, icu-data-en, the -pyc packages,
 *   libc-dev provided by musl-dev...); the 14 packages of the minirootfs are
 *   alpine.ts's PACKAGES unchanged, their records are the stanzas of the
 *   image's /lib/apk/db/installed and their files the image's;
 * - versions and dependency chains: the packages in VERIFIED were seen with
 *   these versions in `apk add` output of alpine:3.20 containers in public CI
 *   logs of autumn 2024 (curl and its libraries, python3 with py3-pip, nodejs,
 *   g++/build-base, bash, nginx with pcre, coreutils, jq, htop, shadow's
 *   libraries), and resolving D: depth-first reproduces those logs' order;
 *   the other versions are 3.20's as far as known, not verified;
 * - D:/p:/i:/r: in Alpine's notation: `so:` dependencies on the libraries the
 *   programs link, `/bin/sh` for packages with install scripts, and the
 *   `so:`/`cmd:` provides generated the way abuild does (every file in a bin
 *   directory, every versioned library in /lib and /usr/lib);
 * - busybox's and ca-certificates' triggers (the directories they watch), what
 *   they create (busybox's applet links; ca-cert-<name>.pem links, OpenSSL
 *   subject-hash links and the rewritten bundle), icu-data-en's post-install
 *   message, the users nginx's pre-install adds, bash's add-shell;
 * - the apk cache file names (APKINDEX.<first 4 bytes of the sha1 of the
 *   repository URL>.tar.gz, as apk-tools 2.14 names them; checked against a
 *   known v3.7 pair) and a real `apk update` line of that time
 *   (v3.20.3-119-gbca3ad8e9ed for both repositories, 24163 distinct packages);
 * - the text of configuration files where it is known: nginx.conf,
 *   http.d/default.conf and the html pages as Alpine ships them, mime.types,
 *   fastcgi*.conf and *_params from Debian's nginx-common (the same upstream
 *   files), /etc/nanorc from Debian's nano 7.2 (the upstream sample), bashrc,
 *   inputrc, sudoers, python's EXTERNALLY-MANAGED, pip's entry scripts,
 *   the PAM base-* files, ca-certificates.conf, git's template description.
 *
 * Approximated:
 * - the sizes of programs and libraries (realistic for musl builds, not
 *   measured), hence S: (estimated from the files by kind) and I: (the file
 *   bytes rounded up to 4 KiB) of every package but the 14 base ones;
 * - trees that follow upstream layout are taken from Debian bookworm packages
 *   of the same software (paths and sizes; bytes generated): python3.12's
 *   standard library is Debian's 3.11 one renamed (cpython-312-x86_64-linux-
 *   musl), pip, setuptools, packaging and pyparsing are Debian's older
 *   releases under Alpine's dist-info names (Debian's pip has no _vendor),
 *   /usr/libexec/git-core is Debian's git 2.39 /usr/lib/git-core (builtins as
 *   links to git, as with INSTALL_SYMLINKS), vim91's runtime is Debian's vim90
 *   (without doc/), /usr/share/zoneinfo is Debian's tzdata (without right/ and
 *   posix/), the CA certificates are Debian's 20250419 set, musl's headers are
 *   Debian's musl-dev 1.2.3, the C++ headers GCC 12's, GCC's own headers
 *   libgcc-12-dev's, coreutils' programs Debian's, PAM modules Debian's;
 *   npm is the real npm 10.8.0 registry tarball, pruned as Alpine's APKBUILD
 *   prunes it;
 * - the -pyc split: python3-pycache-pyc0 holds the standard library's
 *   __pycache__ and each py3-*-pyc its package's (sizes estimated from the
 *   sources); pyc and python3-pyc are empty meta packages;
 * - build times (t:), maintainers (m:, mostly ncopa), commits (c:, a stable
 *   hash), file lists of packages not derived from Debian (from the Alpine
 *   packages as remembered: e.g. iputils' programs in /usr/bin);
 * - the APKINDEX.tar.gz sizes and the per-repository counts (their sum is the
 *   real 24163 distinct packages);
 * - the nginx user's shadow entry (the day is the image's, not the install's).
 *
 * Not expressible in format.ts: install_if (ssl_client, git-init-template,
 * pyc, python3-pyc, python3-pycache-pyc0, py3-*-pyc) and provider priorities
 * (which provider of cmd:node apk prefers). install_if is kept in each
 * record's i: line and, for the runtime to pick up, in an extra `installIf`
 * field of the index's package entries; which install scripts a package has
 * (for apk's `Executing …` lines) is in an extra `scripts` field. gnupg is not in the mirror (it and its
 * 20 libraries were left out).
 */
import { execFileSync } from 'node:child_process';
import { ERROR_HTML } from './nginx';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { gunzipSync } from 'fflate';
import { unpackTar } from 'modern-tar';
import type { CatalogEntry } from '../../simulator/catalog/format';
import { PACKAGES_VERSION, type IndexFile, type MirrorIndex, type PackageContents, type PackageInfo } from '../../simulator/packages/format';
import { ALPINE_EPOCH, ALPINE_GROUP, ALPINE_PASSWD, ALPINE_SHADOW, APPLETS, PACKAGES as MINIROOTFS_PACKAGES, alpineMinirootfs, alpineTextPolicy, apkCommit, installedDb, q1 } from './alpine';
import { CACHE_DIR, readDeb } from './debs';
import { INDEX_HTML } from './nginx';
import { Tree } from './tree';

export const MIRROR = 'alpine-v3.20';
const OUT = new URL(`../../public/catalog/packages/${MIRROR}/`, import.meta.url).pathname;
const REPO = 'https://dl-cdn.alpinelinux.org/alpine/v3.20';
const LIBC = 'so:libc.musl-x86_64.so.1';
const NCOPA = 'Natanael Copa <ncopa@alpinelinux.org>';
const JIRUTKA = 'Jakub Jirutka <jakub@jirutka.cz>';
const at = (iso: string): number => Date.parse(iso) / 1000;

/** What `apk update` printed for the repositories at that time (a real line: v3.20.3-119-gbca3ad8e9ed for both, 24163 distinct packages). */
const SNAPSHOT = 'v3.20.3-119-gbca3ad8e9ed';
const REPOSITORIES = [
  { repo: 'main', count: 5_566, size: 1_087_203 },
  { repo: 'community', count: 18_597, size: 2_264_581 },
] as const;

/** Versions seen in real `apk add` output on alpine:3.20 (the rest are 3.20's as far as known). */
export const VERIFIED = [
  'ca-certificates', 'brotli-libs', 'c-ares', 'libunistring', 'libidn2', 'nghttp2-libs', 'libpsl', 'zstd-libs', 'libcurl', 'curl',
  'ncurses-terminfo-base', 'libncursesw', 'libpanelw', 'readline', 'bash', 'nginx', 'pcre', 'libexpat', 'pcre2',
  'libbz2', 'libffi', 'gdbm', 'xz-libs', 'mpdecimal', 'sqlite-libs', 'python3', 'python3-pycache-pyc0', 'pyc', 'python3-pyc',
  'py3-pip', 'py3-pip-pyc', 'py3-setuptools', 'py3-setuptools-pyc', 'py3-packaging', 'py3-packaging-pyc', 'py3-parsing', 'py3-parsing-pyc',
  'libgcc', 'libstdc++', 'libstdc++-dev', 'jansson', 'binutils', 'libgomp', 'libatomic', 'gmp', 'isl26', 'mpfr4', 'mpc1', 'gcc', 'musl-dev', 'g++', 'make',
  'libmagic', 'file', 'fortify-headers', 'patch', 'build-base', 'nodejs', 'ada-libs', 'libbase64', 'icu-data-en', 'icu-libs',
  'coreutils', 'coreutils-env', 'coreutils-fmt', 'coreutils-sha512sum', 'libacl', 'libattr', 'skalibs', 'utmps-libs',
  'oniguruma', 'jq', 'htop', 'libmd', 'libbsd', 'linux-pam', 'libuv',
];

// ------------------------------------------------------------------ packages

interface Pkg {
  name: string;
  version: string;
  noarch?: boolean;
  desc: string;
  url: string;
  license: string;
  /** The aports directory (o:), the name if not given. */
  origin?: string;
  repo?: 'main' | 'community';
  built: number;
  maintainer?: string;
  /** D: as Alpine writes it (space separated, constraints included). */
  depends?: string;
  /** p: entries besides the so:/cmd: ones generated from the files. */
  provides?: string;
  installIf?: string;
  replaces?: string;
  triggers?: string[];
  /** Its install scripts (apk prints `Executing <name>-<version>.<script>` when it runs one). */
  scripts?: string[];
  /** Files, one per line: `path size [mode [uid gid]]`, `path -> target`, `path => hardlink-target`, `path/ [mode [uid gid]]`, `=path size [soname-version]` (a library and its soname link). */
  files?: string;
  texts?: [path: string, text: string, mode?: number][];
  build?: (tree: Tree, mtime: number) => void | Promise<void>;
  configured?: () => Tree | Promise<Tree>;
  messages?: string[];
}

const rel = (r: number): string => `-r${r}`;

/** python3's pure-Python packages: .py files by name → size, and their -pyc companions. */
const PY = '/usr/lib/python3.12';
const SITE = `${PY}/site-packages`;

function pipScript(module: string, func: string): string {
  return `#!/usr/bin/python3\n# -*- coding: utf-8 -*-\nimport re\nimport sys\nfrom ${module} import ${func}\nif __name__ == "__main__":\n    sys.argv[0] = re.sub(r"(-script\\.pyw|\\.exe)?$", "", sys.argv[0])\n    sys.exit(${func}())\n`;
}

const NGINX_CONF = `# /etc/nginx/nginx.conf

user nginx;

# Set number of worker processes automatically based on number of CPU cores.
worker_processes auto;

# Enables the use of JIT for regular expressions to speed-up their processing.
pcre_jit on;

# Configures default error logger.
error_log /var/log/nginx/error.log warn;

# Includes files with directives to load dynamic modules.
include /etc/nginx/modules/*.conf;

# Include files with config snippets into the root context.
include /etc/nginx/conf.d/*.conf;

events {
\t# The maximum number of simultaneous connections that can be opened by
\t# a worker process.
\tworker_connections 1024;
}

http {
\t# Includes mapping of file name extensions to MIME types of responses
\t# and defines the default type.
\tinclude /etc/nginx/mime.types;
\tdefault_type application/octet-stream;

\t# Name servers used to resolve names of upstream servers into addresses.
\t# It's also needed when using tcpsocket and udpsocket in Lua modules.
\t#resolver 1.1.1.1 1.0.0.1 [2606:4700:4700::1111] [2606:4700:4700::1001];

\t# Don't tell nginx version to the clients. Default is 'on'.
\tserver_tokens off;

\t# Specifies the maximum accepted body size of a client request, as
\t# indicated by the request header Content-Length. If the stated content
\t# length is greater than this size, then the client receives the HTTP
\t# error code 413. Set to 0 to disable. Default is '1m'.
\tclient_max_body_size 1m;

\t# Sendfile copies data between one FD and other from within the kernel,
\t# which is more efficient than read() + write(). Default is off.
\tsendfile on;

\t# Causes nginx to attempt to send its HTTP response head in one packet,
\t# instead of using partial frames. Default is 'off'.
\ttcp_nopush on;


\t# Enables the specified protocols. Default is TLSv1 TLSv1.1 TLSv1.2.
\t# TIP: If you're not obligated to support ancient clients, remove TLSv1.1.
\tssl_protocols TLSv1.1 TLSv1.2 TLSv1.3;

\t# Path of the file with Diffie-Hellman parameters for EDH ciphers.
\t# TIP: Generate with: \`openssl dhparam -out /etc/ssl/nginx/dh2048.pem 2048\`
\t#ssl_dhparam /etc/ssl/nginx/dh2048.pem;

\t# Specifies that our cipher suits should be preferred over client ciphers.
\t# Default is 'off'.
\tssl_prefer_server_ciphers on;

\t# Enables a shared SSL cache with size that can hold around 8000 sessions.
\t# Default is 'none'.
\tssl_session_cache shared:SSL:2m;

\t# Specifies a time during which a client may reuse the session parameters.
\t# Default is '5m'.
\tssl_session_timeout 1h;

\t# Disable TLS session tickets (they are insecure). Default is 'on'.
\tssl_session_tickets off;


\t# Enable gzipping of responses.
\t#gzip on;

\t# Set the Vary HTTP header as defined in the RFC 2616. Default is 'off'.
\tgzip_vary on;


\t# Helper variable for proxying websockets.
\tmap $http_upgrade $connection_upgrade {
\t\tdefault upgrade;
\t\t'' close;
\t}


\t# Specifies the main log format.
\tlog_format main '$remote_addr - $remote_user [$time_local] "$request" '
\t\t\t'$status $body_bytes_sent "$http_referer" '
\t\t\t'"$http_user_agent" "$http_x_forwarded_for"';

\t# Sets the path, format, and configuration for a buffered log write.
\taccess_log /var/log/nginx/access.log main;


\t# Includes virtual hosts configs.
\tinclude /etc/nginx/http.d/*.conf;
}

# TIP: Uncomment if you use stream module.
#include /etc/nginx/stream.conf;
`;

const NGINX_DEFAULT_CONF = `# This is a default site configuration which will simply return 404, preventing
# chance access to any other virtualhost.

server {
\tlisten 80 default_server;
\tlisten [::]:80 default_server;

\t# Everything is a 404
\tlocation / {
\t\treturn 404;
\t}

\t# You may need this to prevent return 404 recursion.
\tlocation = /404.html {
\t\tinternal;
\t}
}
`;

const BASHRC = `# /etc/bash/bashrc
#
# This file is sourced by all *interactive* bash shells on startup,
# including some apparently interactive shells such as scp and rcp
# that can't tolerate any output.  So make sure this doesn't display
# anything or bad things will happen !

# Test for an interactive shell.  There is no need to set anything
# past this point for scp and rcp, and it's important to refrain from
# outputting anything in those cases.
if [[ $- != *i* ]] ; then
\t# Shell is non-interactive.  Be done now!
\treturn
fi

# Bash won't get SIGWINCH if another process is in the foreground.
# Enable checkwinsize so that bash will check the terminal size when
# it regains control.  #65623
# http://cnswww.cns.cwru.edu/~chet/bash/FAQ (E11)
shopt -s checkwinsize

# Disable completion when the input buffer is empty.  i.e. Hitting tab
# and waiting a long time for bash to expand all of $PATH.
shopt -s no_empty_cmd_completion

# Enable history appending instead of overwriting when exiting.  #139609
shopt -s histappend

# Save each command to the history file as it's executed.  #517342
# This does mean sessions get interleaved when reading later on, but this
# way the history is always up to date.  History is not synced across live
# sessions though; that is what \`history -n\` does.
# Disabled by default due to concerns related to system recovery when $HOME
# is under duress, or lives somewhere flaky (like NFS).  Constantly syncing
# the history will halt the shell prompt until it's finished.
#PROMPT_COMMAND='history -a'

# Change the window title of X terminals
case \${TERM} in
\t[aEkx]term*|rxvt*|gnome*|konsole*|interix|tmux*)
\t\tPS1='\\[\\033]0;\\u@\\h:\\w\\007\\]'
\t\t;;
\tscreen*)
\t\tPS1='\\[\\033k\\u@\\h:\\w\\033\\\\\\]'
\t\t;;
\t*)
\t\tunset PS1
\t\t;;
esac

# Set default value of PS1 if not set
PS1+='\\u@\\h:\\w\\$ '

for sh in /etc/bash/*.sh; do
\t[ -r "$sh" ] && . "$sh"
done
unset sh
`;

const INPUTRC = `# /etc/inputrc - global inputrc for libreadline
# See readline(3readline) and \`info rluserman' for more information.

# Be 8 bit clean.
set input-meta on
set output-meta on

# To allow the use of 8bit-characters like the german umlauts, uncomment
# the line below. However this makes the meta key not work as a meta key,
# which is annoying to those which don't need to type in 8-bit characters.

# set convert-meta off

# try to enable the application keypad when it is called.  Some systems
# need this to enable the arrow keys.
# set enable-keypad on

# see /usr/share/doc/bash/inputrc.arrows for other codes of arrow keys

# do not bell on tab-completion
# set bell-style none
# set bell-style visible

# some defaults / modifications for the emacs mode
$if mode=emacs

# allow the use of the Home/End keys
"\\e[1~": beginning-of-line
"\\e[4~": end-of-line

# allow the use of the Delete/Insert keys
"\\e[3~": delete-char
"\\e[2~": quoted-insert

# mappings for "page up" and "page down" to step to the beginning/end
# of the history
# "\\e[5~": beginning-of-history
# "\\e[6~": end-of-history

# alternate mappings for "page up" and "page down" to search the history
# "\\e[5~": history-search-backward
# "\\e[6~": history-search-forward

# mappings for Ctrl-left-arrow and Ctrl-right-arrow for word moving
"\\e[1;5C": forward-word
"\\e[1;5D": backward-word
"\\e[5C": forward-word
"\\e[5D": backward-word
"\\e\\e[C": forward-word
"\\e\\e[D": backward-word

$if term=rxvt
"\\e[7~": beginning-of-line
"\\e[8~": end-of-line
"\\eOc": forward-word
"\\eOd": backward-word
$endif

# for non RH/Debian xterm, can't hurt for RH/Debian xterm
# "\\eOH": beginning-of-line
# "\\eOF": end-of-line

# for freebsd console
# "\\e[H": beginning-of-line
# "\\e[F": end-of-line

$endif
`;

const SUDOERS = `## sudoers file.
##
## This file MUST be edited with the 'visudo' command as root.
## Failure to use 'visudo' may result in syntax or file permission errors
## that prevent sudo from running.
##
## See the sudoers man page for the details on how to write a sudoers file.
##

##
## Host alias specification
##
## Groups of machines. These may include host names (optionally with wildcards),
## IP addresses, network numbers or netgroups.
# Host_Alias\tWEBSERVERS = www1, www2, www3

##
## User alias specification
##
## Groups of users.  These may consist of user names, uids, Unix groups,
## or netgroups.
# User_Alias\tADMINS = millert, dowdy, mikef

##
## Cmnd alias specification
##
## Groups of commands.  Often used to group related commands together.
# Cmnd_Alias\tPROCESSES = /usr/bin/nice, /bin/kill, /usr/bin/renice, \\
# \t\t\t    /usr/bin/pkill, /usr/bin/top
#
# Cmnd_Alias\tREBOOT = /sbin/halt, /sbin/reboot, /sbin/poweroff
#
# Cmnd_Alias\tDEBUGGERS = /usr/bin/gdb, /usr/bin/lldb, /usr/bin/strace, \\
# \t\t\t    /usr/bin/truss, /usr/bin/bpftrace, \\
# \t\t\t    /usr/bin/dtrace, /usr/bin/dtruss
#
# Cmnd_Alias\tPKGMAN = /usr/bin/apt, /usr/bin/dpkg, /usr/bin/rpm, \\
# \t\t\t /usr/bin/yum, /usr/bin/dnf,  /usr/bin/zypper, \\
# \t\t\t /usr/bin/pacman

##
## Defaults specification
##
## Preserve editor environment variables for visudo.
## To preserve these for all commands, remove the "!visudo" qualifier.
Defaults!/usr/sbin/visudo env_keep += "SUDO_EDITOR EDITOR VISUAL"
##
## Use a hard-coded PATH instead of the user's to find commands.
## This also helps prevent poorly written scripts from running
## artbitrary commands under sudo.
Defaults secure_path="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
##
## You may wish to keep some of the following environment variables
## when running commands via sudo.
##
## Locale settings
# Defaults env_keep += "LANG LANGUAGE LINGUAS LC_* _XKB_CHARSET"
##
## Run X applications through sudo; HOME is used to find the
## .Xauthority file.  Note that other programs use HOME to find
## configuration files and this may lead to privilege escalation!
# Defaults env_keep += "HOME"
##
## X11 resource path settings
# Defaults env_keep += "XAPPLRESDIR XFILESEARCHPATH XUSERFILESEARCHPATH"
##
## Desktop path settings
# Defaults env_keep += "QTDIR KDEDIR"
##
## Allow sudo-run commands to inherit the callers' ConsoleKit session
# Defaults env_keep += "XDG_SESSION_COOKIE"
##
## Uncomment to enable special input methods.  Care should be taken as
## this may allow users to subvert the command being run via sudo.
# Defaults env_keep += "XMODIFIERS GTK_IM_MODULE QT_IM_MODULE QT_IM_SWITCHER"
##
## Uncomment to use a hard-coded PATH instead of the user's to find commands
# Defaults secure_path="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
##
## Uncomment to restore the historic behavior where a command is run in
## the user's own terminal.
# Defaults !use_pty
##
## Uncomment to send mail if the user does not enter the correct password.
# Defaults mail_badpass
##
## Uncomment to enable logging of a command's output, except for
## sudoreplay and reboot.  Use sudoreplay to play back logged sessions.
## Sudo will create up to 2,176,782,336 I/O logs before recycling them.
## Set maxseq to a smaller number if you don't have unlimited disk space.
# Defaults log_output
# Defaults!/usr/bin/sudoreplay !log_output
# Defaults!/usr/local/bin/sudoreplay !log_output
# Defaults!REBOOT !log_output
# Defaults maxseq = 1000
##
## Uncomment to disable intercept and log_subcmds for debuggers and
## tracers.  Otherwise, anything that uses ptrace(2) will be unable
## to run under sudo if intercept_type is set to "trace".
# Defaults!DEBUGGERS !intercept, !log_subcmds
##
## Uncomment to disable intercept and log_subcmds for package managers.
## Some package scripts run a huge number of commands, which is made
## slower by these options and also can clutter up the logs.
# Defaults!PKGMAN !intercept, !log_subcmds

##
## Runas alias specification
##

##
## User privilege specification
##
root ALL=(ALL:ALL) ALL

## Uncomment to allow members of group wheel to execute any command
# %wheel ALL=(ALL:ALL) ALL

## Same thing without a password
# %wheel ALL=(ALL:ALL) NOPASSWD: ALL

## Uncomment to allow members of group sudo to execute any command
# %sudo\tALL=(ALL:ALL) ALL

## Uncomment to allow any user to run sudo if they know the password
## of the user they are running the command as (root by default).
# Defaults targetpw  # Ask for the password of the target user
# ALL ALL=(ALL:ALL) ALL  # WARNING: only use this together with 'Defaults targetpw'

## Read drop-in files from /etc/sudoers.d
@includedir /etc/sudoers.d
`;

const EXTERNALLY_MANAGED = `[externally-managed]
Error=The system-wide python installation should be maintained using the system
 package manager (apk) only.
 
 If the package in question is not packaged already (and hence installable via
 "apk add py3-somepackage"), please consider installing it inside a virtual
 environment, e.g.:
 
 python3 -m venv /path/to/venv
 . /path/to/venv/bin/activate
 pip install mypackage
 
 To exit the virtual environment, run:
 
 deactivate
 
 The virtual environment is not deleted, and can be re-entered by re-sourcing
 the activate file.
 
 To automatically manage virtual environments, consider using pipx (from the
 pipx package).
`;

/** GCC's target directories. */
const TRIPLE = 'x86_64-alpine-linux-musl';
const GCCV = '13.2.1';
const GCC_LIB = `/usr/lib/gcc/${TRIPLE}/${GCCV}`;
const GCC_EXEC = `/usr/libexec/gcc/${TRIPLE}/${GCCV}`;

const GCC = `13.2.1_git20240309${rel(0)}`;
const GCC_BUILT = 1711624200;
const GIT = '2.45.2-r0';
const PYV = '3.12.7-r0';
const NCURSES = '6.4_p20240420-r1';
const VIM = '9.1.0414-r0';
const COREUTILS = '9.5-r1';
const ICU = '74.2-r0';
const OPENSSH = '9.7_p1-r4';
const BIND = '9.18.27-r0';
const IPUTILS = '20240117-r0';
const PROCPS = '4.0.4-r0';
const CURL = '8.10.1-r0';
const NPM_VERSION = '10.8.0';

/** Alpine's ncurses-terminfo-base entries (sizes of the compiled entries). */
const TERMINFO: [string, number][] = [
  ['a/alacritty', 3_738], ['a/ansi', 1_481], ['d/dumb', 308], ['g/gnome', 3_441], ['g/gnome-256color', 3_521], ['k/konsole', 3_405], ['k/konsole-256color', 3_493], ['k/konsole-linux', 3_353],
  ['l/linux', 1_740], ['p/putty', 2_337], ['p/putty-256color', 2_391], ['r/rxvt', 2_049], ['r/rxvt-256color', 2_215], ['s/screen', 1_607], ['s/screen-256color', 1_747], ['s/st-0.6', 3_279], ['s/st-0.7', 3_469],
  ['s/st-0.8', 3_490], ['s/st-16color', 3_522], ['s/st-256color', 3_650], ['s/st-direct', 3_729], ['s/sun', 1_004], ['t/terminator', 3_439], ['t/terminology', 3_125], ['t/terminology-0.6.1', 2_874],
  ['t/terminology-1.0.0', 3_125], ['t/terminology-1.8.1', 3_161], ['t/tmux', 3_171], ['t/tmux-256color', 3_313], ['v/vt100', 1_282], ['v/vt102', 1_276], ['v/vt200', 1_391], ['v/vt220', 1_391], ['v/vt52', 839],
  ['v/vte', 3_483], ['v/vte-256color', 3_563], ['x/xterm', 3_832], ['x/xterm-256color', 3_912], ['x/xterm-color', 1_551], ['x/xterm-kitty', 3_669], ['x/xterm-xfree86', 2_240],
];


// ------------------------------------------------------------------ Debian sources

interface SourceEntry {
  path: string;
  type: 'file' | 'directory' | 'symlink' | 'link';
  mode: number;
  size: number;
  linkname?: string;
  data?: Uint8Array;
}

/** Debian packages this mirror reads that the image catalog does not pin (packages.lock.json): pinned here. */
const EXTRA_DEBS: Record<string, { version: string; sha256: string }> = {
  'vim-runtime': { version: '2:9.0.1378-2+deb12u2', sha256: '6a3dd2317a593742cb247f3494d986b3127887dbe1449253b8efa6112289854e' },
  'musl-dev': { version: '1.2.3-1', sha256: '7c34f29a0c1aa12f6da1d25ed6de6fe6bbd9e048ee76b3dcb88c5e51fb65507f' },
  'python3-setuptools': { version: '66.1.1-1+deb12u2', sha256: '96f934b8dbe4367c4cf9e4c740aa5c85f9a9ac8875a16556c8677fb342c7838f' },
  'python3-pkg-resources': { version: '66.1.1-1+deb12u2', sha256: '25dfb378939ccdf27e7382adf44c168f86e22f9f1a8e6e3a2ec526431ed5e30f' },
  'python3-packaging': { version: '23.0-1', sha256: '04adb9e09aa8ed5bd8e31d31143fb265c43dcbec70da19f21e37cbe44b0c32cf' },
  'python3-pyparsing': { version: '3.0.9-1', sha256: '891dcf12a125dcadbae7166ad8e9d1fd22a6f1bf431ca4bce9f810da30dcd472' },
  nano: { version: '7.2-1+deb12u1', sha256: '45a9b3960aa5ac18552459225ec26800abb73fc2edd11626046daf6d968ac968' },
};

const debCache = new Map<string, SourceEntry[]>();

/** The files of a Debian package: the catalog's pinned ones through debs.ts, the others pinned above (downloaded into the same cache). */
async function deb(name: string): Promise<SourceEntry[]> {
  const cached = debCache.get(name);
  if (cached) return cached;
  const pin = EXTRA_DEBS[name];
  let entries: SourceEntry[];
  if (!pin) {
    entries = (await readDeb(name)).data;
  } else {
    const dir = join(CACHE_DIR, 'debs');
    mkdirSync(dir, { recursive: true });
    const prefix = `${name}_`;
    const find = () => readdirSync(dir).find((f) => f.startsWith(prefix) && decodeURIComponent(f).slice(prefix.length).startsWith(`${pin.version}_`) && f.endsWith('.deb'));
    let file = find();
    if (!file) {
      execFileSync('apt-get', ['download', '-q', `${name}=${pin.version}`], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
      file = find();
      if (!file) throw new Error(`apt-get download ${name}=${pin.version} left no .deb`);
    }
    const path = join(dir, file);
    const actual = bytesToHex(sha256(readFileSync(path)));
    if (actual !== pin.sha256) throw new Error(`${path}: sha256 ${actual}, expected ${pin.sha256}`);
    const tar = execFileSync('dpkg-deb', ['--fsys-tarfile', path], { maxBuffer: 1 << 30 });
    entries = [];
    for (const { header, data } of await unpackTar(new Uint8Array(tar.buffer, tar.byteOffset, tar.byteLength))) {
      const p = `/${header.name.replace(/^\.?\/+/, '').replace(/\/+$/, '')}`;
      if (p === '/') continue;
      const type = header.type ?? 'file';
      if (type !== 'file' && type !== 'directory' && type !== 'symlink' && type !== 'link') continue;
      entries.push({ path: p, type, mode: (header.mode ?? 0o644) & 0o7777, size: type === 'file' ? (data?.length ?? 0) : 0, linkname: header.linkname, data: type === 'file' ? data : undefined });
    }
  }
  debCache.set(name, entries);
  return entries;
}

/**
 * Copies a Debian tree: every entry below `from` goes to `to` (renamed by
 * `rename`), files get generated bytes of their size (or their text when
 * `text` says so), `skip` leaves entries out.
 */
async function copyTree(tree: Tree, mtime: number, debName: string, from: string, to: string, options: { skip?: (rel: string) => boolean; rename?: (rel: string) => string; text?: (rel: string) => boolean; links?: boolean } = {}): Promise<string[]> {
  const copied: string[] = [];
  for (const e of await deb(debName)) {
    if (e.path !== from && !e.path.startsWith(`${from}/`)) continue;
    const relPath = e.path.slice(from.length);
    if (options.skip?.(relPath)) continue;
    const path = to + (options.rename ? options.rename(relPath) : relPath);
    if (e.type === 'directory') tree.dir(path, { mtime });
    else if (e.type === 'file') {
      const mode = e.mode & 0o111 ? 0o755 : 0o644;
      if (options.text?.(relPath) && e.data) tree.file(path, e.data, { mtime, mode });
      else tree.sizedFile(path, e.size, { mtime, mode });
      copied.push(path);
    } else if (e.type === 'symlink' && options.links !== false) tree.symlink(path, e.linkname ?? '', mtime);
  }
  return copied;
}

/** __pycache__ files for the .py files of a tree (level 0 bytecode; sizes estimated from the sources). */
function pycacheFor(source: Tree, mtime: number, below: string): Tree {
  const tree = new Tree();
  for (const [path, node] of source.nodes) {
    if (node.kind !== 'f' || !path.startsWith(below) || !path.endsWith('.py')) continue;
    const slash = path.lastIndexOf('/');
    const stem = path.slice(slash + 1, -3);
    const size = Math.max(120, Math.round(node.size * 0.78) + 180);
    tree.sizedFile(`${path.slice(0, slash)}/__pycache__/${stem}.cpython-312.pyc`, size, { mtime });
  }
  return tree;
}

function distInfo(tree: Tree, mtime: number, dir: string, files: Record<string, number | string>): void {
  for (const [name, content] of Object.entries(files)) {
    if (typeof content === 'number') tree.sizedFile(`${dir}/${name}`, content, { mtime });
    else tree.file(`${dir}/${name}`, content, { mtime });
  }
}

const trees = new Map<string, Tree>();

async function pythonStdlib(tree: Tree, mtime: number): Promise<void> {
  const skip = (rel: string) =>
    /(^|\/)(test|tests|idle_test|idlelib|tkinter|turtledemo|__pycache__|distutils|config-3\.11-x86_64-linux-gnu)(\/|$)/.test(rel) ||
    rel.endsWith('.pyc') || rel.startsWith('/dist-packages') || rel.startsWith('/site-packages') ||
    /\/(asynchat|asyncore|imp|smtpd|sitecustomize|_distutils_system_mod)\.py$/.test(rel);
  const rename = (rel: string) => rel.replace('cpython-311-x86_64-linux-gnu', 'cpython-312-x86_64-linux-musl').replace('_sysconfigdata__x86_64-linux-gnu', '_sysconfigdata__linux_x86_64-linux-musl');
  for (const name of ['libpython3.11-minimal', 'libpython3.11-stdlib']) await copyTree(tree, mtime, name, '/usr/lib/python3.11', PY, { skip, rename, links: false });
  await copyTree(tree, mtime, 'python3-lib2to3', '/usr/lib/python3/dist-packages/lib2to3', `${PY}/lib2to3`, { skip: (rel) => rel.includes('__pycache__') || rel.includes('/tests') });
  for (const [name, size] of [['__init__.py', 9_559], ['__main__.py', 88], ['_uninstall.py', 808]] as const) tree.sizedFile(`${PY}/ensurepip/${name}`, size, { mtime });
  tree.sizedFile(`${PY}/ensurepip/_bundled/pip-24.2-py3-none-any.whl`, 1_815_830, { mtime });
  tree.file(`${PY}/EXTERNALLY-MANAGED`, EXTERNALLY_MANAGED, { mtime });
  tree.file(`${SITE}/README.txt`, 'This directory exists so that 3rd party packages can be installed\nhere.  Read the source for site.py for more details.\n', { mtime });
}

async function sitePackage(tree: Tree, mtime: number, debName: string, from: string, names: string[]): Promise<void> {
  for (const name of names) await copyTree(tree, mtime, debName, `${from}/${name}`, `${SITE}/${name}`, { skip: (rel) => rel.includes('__pycache__'), links: false });
}

/** A -pyc package: the __pycache__ of the .py files its parent package installs below `below`. */
function pycPackage(parent: string, version: string, built: number, below: string, desc: string, origin: string): Pkg {
  return {
    name: `${parent}-pyc`, version, noarch: true, desc, url: '', license: '', origin, built,
    depends: '', installIf: `${parent}=${version} pyc`,
    build: (tree, mtime) => {
      const source = trees.get(parent);
      if (!source) throw new Error(`${parent} must be built before ${parent}-pyc`);
      for (const [path, node] of pycacheFor(source, mtime, below).nodes) tree.set(path, node);
    },
  };
}

// ------------------------------------------------------------------ the packages

const PKGS: Pkg[] = [
  // curl and its libraries
  {
    name: 'ca-certificates', version: '20240705-r0', desc: 'Common CA certificates PEM files from Mozilla', url: 'https://www.mozilla.org/en-US/about/governance/policies/security-group/certs/', license: 'MPL-2.0 AND MIT', built: 1720182016,
    depends: `${LIBC} so:libcrypto.so.3`,
    triggers: ['/usr/share/ca-certificates', '/usr/local/share/ca-certificates', '/etc/ssl/certs', '/etc/ca-certificates/update.d'], scripts: ['post-deinstall'],
    files: `/etc/ca-certificates/update.d/
/usr/local/share/ca-certificates/
/usr/sbin/update-ca-certificates 30568 755`,
    build: async (tree, mtime) => {
      const certs = await caCertificates();
      for (const cert of certs) tree.sizedFile(cert.path, cert.size, { mtime });
      tree.file('/etc/ca-certificates.conf', `${certs.map((c) => c.path.slice('/usr/share/ca-certificates/'.length)).sort().join('\n')}\n`, { mtime });
    },
    configured: async () => {
      // The trigger: update-ca-certificates links each certificate into
      // /etc/ssl/certs as ca-cert-<name>.pem, adds the OpenSSL subject-hash
      // links and rewrites the bundle.
      const tree = new Tree();
      const certs = await caCertificates();
      const seen = new Map<string, number>();
      let bundle = 0;
      for (const cert of certs) {
        const name = cert.path.slice(cert.path.lastIndexOf('/') + 1, -'.crt'.length);
        tree.symlink(`/etc/ssl/certs/ca-cert-${name}.pem`, cert.path, ALPINE_EPOCH);
        const n = seen.get(cert.hash) ?? 0;
        seen.set(cert.hash, n + 1);
        tree.symlink(`/etc/ssl/certs/${cert.hash}.${n}`, `ca-cert-${name}.pem`, ALPINE_EPOCH);
        bundle += cert.size + (cert.endsWithNewline ? 0 : 1);
      }
      tree.sizedFile('/etc/ssl/certs/ca-certificates.crt', bundle, { mtime: ALPINE_EPOCH });
      return tree;
    },
  },
  { name: 'brotli-libs', version: '1.1.0-r2', desc: 'Generic lossless compressor (libraries)', url: 'https://github.com/google/brotli', license: 'MIT', origin: 'brotli', built: at('2024-04-16T09:12:40Z'), depends: LIBC,
    files: `=/usr/lib/libbrotlicommon.so.1.1.0 137064
=/usr/lib/libbrotlidec.so.1.1.0 51640
=/usr/lib/libbrotlienc.so.1.1.0 603296` },
  { name: 'c-ares', version: '1.33.1-r0', desc: 'Asynchronous DNS/names resolver library', url: 'https://c-ares.org/', license: 'MIT', built: at('2024-08-26T11:30:05Z'), depends: LIBC,
    files: '=/usr/lib/libcares.so.2.19.1 186528' },
  { name: 'libunistring', version: '1.2-r0', desc: 'Library for manipulating Unicode strings and C strings', url: 'https://www.gnu.org/software/libunistring/', license: 'GPL-2.0-or-later OR LGPL-3.0-or-later', built: at('2024-04-14T18:02:11Z'), depends: LIBC,
    files: '=/usr/lib/libunistring.so.5.1.0 1770408' },
  { name: 'libidn2', version: '2.3.7-r0', desc: 'Encode/Decode library for internationalized domain names', url: 'https://www.gnu.org/software/libidn#libidn2', license: 'GPL-2.0-or-later OR LGPL-3.0-or-later', built: at('2024-04-14T18:20:47Z'), depends: `${LIBC} so:libunistring.so.5`,
    files: '=/usr/lib/libidn2.so.0.4.0 137112' },
  { name: 'nghttp2-libs', version: '1.62.1-r0', desc: 'Experimental HTTP/2 client, server and proxy (libraries)', url: 'https://nghttp2.org', license: 'MIT', origin: 'nghttp2', built: at('2024-05-08T06:54:20Z'), depends: LIBC,
    files: '=/usr/lib/libnghttp2.so.14.28.2 166280' },
  { name: 'libpsl', version: '0.21.5-r1', desc: 'C library for the Public Suffix List', url: 'https://rockdaboot.github.io/libpsl', license: 'MIT', built: at('2024-04-14T19:11:33Z'), depends: `${LIBC} so:libidn2.so.0 so:libunistring.so.5`,
    files: '=/usr/lib/libpsl.so.5.3.5 84416' },
  { name: 'zstd-libs', version: '1.5.6-r0', desc: 'Zstandard - Fast real-time compression algorithm (libraries)', url: 'https://www.zstd.net/', license: 'BSD-3-Clause OR GPL-2.0-or-later', origin: 'zstd', built: at('2024-03-31T10:41:28Z'), depends: LIBC,
    files: '=/usr/lib/libzstd.so.1.5.6 747712' },
  { name: 'libcurl', version: CURL, desc: 'The multiprotocol file transfer library', url: 'https://curl.se/', license: 'curl', origin: 'curl', built: at('2024-09-18T14:21:09Z'),
    depends: `so:libbrotlidec.so.1 ${LIBC} so:libcares.so.2 so:libcrypto.so.3 so:libidn2.so.0 so:libnghttp2.so.14 so:libpsl.so.5 so:libssl.so.3 so:libz.so.1 so:libzstd.so.1`,
    files: '=/usr/lib/libcurl.so.4.8.0 678912' },
  { name: 'curl', version: CURL, desc: 'URL retrival utility and library', url: 'https://curl.se/', license: 'curl', built: at('2024-09-18T14:21:09Z'),
    depends: `ca-certificates ${LIBC} so:libcurl.so.4 so:libz.so.1`,
    files: '/usr/bin/curl 268520 755' },
  { name: 'wget', version: '1.24.5-r0', desc: 'Network utility to retrieve files from the Web', url: 'https://www.gnu.org/software/wget/wget.html', license: 'GPL-3.0-or-later', built: at('2024-03-10T21:44:02Z'),
    depends: `${LIBC} so:libcrypto.so.3 so:libidn2.so.0 so:libpcre2-8.so.0 so:libssl.so.3 so:libz.so.1`,
    files: `/etc/wgetrc 4942
/usr/bin/wget 489592 755` },
  { name: 'pcre2', version: '10.43-r0', desc: 'Perl-compatible regular expression library', url: 'https://pcre.org/', license: 'BSD-3-Clause', built: at('2024-02-17T11:20:31Z'), depends: LIBC,
    files: `=/usr/lib/libpcre2-8.so.0.12.0 612864
=/usr/lib/libpcre2-posix.so.3.0.5 14104` },
  { name: 'libexpat', version: '2.6.3-r0', desc: 'XML Parser library written in C', url: 'https://libexpat.github.io/', license: 'MIT', origin: 'expat', built: at('2024-09-04T07:59:51Z'), depends: LIBC,
    files: '=/usr/lib/libexpat.so.1.9.3 194800' },
  // git
  {
    name: 'git', version: GIT, desc: 'Distributed version control system', url: 'https://www.git-scm.com/', license: 'GPL-2.0-or-later', built: at('2024-06-01T16:03:12Z'),
    depends: `${LIBC} so:libcurl.so.4 so:libexpat.so.1 so:libpcre2-8.so.0 so:libz.so.1`,
    files: `/usr/bin/git 3512216 755
/usr/bin/git-receive-pack -> git
/usr/bin/git-upload-archive -> git
/usr/bin/git-upload-pack -> git
/usr/bin/scalar 2064568 755
/usr/share/git-core/`,
    build: async (tree, mtime) => {
      // Debian's git-core directory with git 2.45's programs: the builtins
      // are links to git, git, scalar link into /usr/bin (INSTALL_SYMLINKS).
      const removed = /^\/(git-add--interactive|git-bisect--helper|git-daemon|git-http-backend|git-imap-send|git-instaweb|git-shell|git-subtree|git-sh-i18n--envsubst-unused)$/;
      for (const e of await deb('git')) {
        if (!e.path.startsWith('/usr/lib/git-core/')) continue;
        const relPath = e.path.slice('/usr/lib/git-core'.length);
        if (removed.test(relPath)) continue;
        const path = `/usr/libexec/git-core${relPath}`;
        if (relPath === '/git' || relPath === '/scalar') tree.symlink(path, `../../bin${relPath}`, mtime);
        else if (relPath === '/git-bisect') tree.symlink(path, 'git', mtime);
        else if (e.type === 'directory') tree.dir(path, { mtime });
        else if (e.type === 'symlink') tree.symlink(path, e.linkname ?? 'git', mtime);
        else if (e.type === 'file') tree.sizedFile(path, e.size > 1_000_000 ? Math.round(e.size * 0.92) : e.size, { mtime, mode: e.mode & 0o111 ? 0o755 : 0o644 });
      }
      for (const name of ['git-diagnose', 'git-replay', 'git-for-each-repo']) tree.symlink(`/usr/libexec/git-core/${name}`, 'git', mtime);
    },
  },
  {
    name: 'git-init-template', version: GIT, noarch: true, desc: 'Git init template', url: 'https://www.git-scm.com/', license: 'GPL-2.0-or-later', origin: 'git', built: at('2024-06-01T16:03:12Z'),
    installIf: `git=${GIT}`,
    build: (tree, mtime) => copyTree(tree, mtime, 'git', '/usr/share/git-core/templates', '/usr/share/git-core/templates', { text: (rel) => rel === '/description' || rel === '/info/exclude' }).then(() => undefined),
  },
  // bash and ncurses
  {
    name: 'ncurses-terminfo-base', version: NCURSES, noarch: true, desc: 'Descriptions of common terminals', url: 'https://invisible-island.net/ncurses/', license: 'X11', origin: 'ncurses', built: at('2024-09-26T11:18:23Z'),
    build: (tree, mtime) => {
      for (const [name, size] of TERMINFO) tree.sizedFile(`/etc/terminfo/${name}`, size, { mtime });
    },
  },
  { name: 'libncursesw', version: NCURSES, desc: 'Console display library (libncursesw)', url: 'https://invisible-island.net/ncurses/', license: 'X11', origin: 'ncurses', built: at('2024-09-26T11:18:23Z'), depends: `ncurses-terminfo-base=${NCURSES} ${LIBC}`,
    files: '=/usr/lib/libncursesw.so.6.4 354920' },
  { name: 'libpanelw', version: NCURSES, desc: 'Console display library (libpanelw)', url: 'https://invisible-island.net/ncurses/', license: 'X11', origin: 'ncurses', built: at('2024-09-26T11:18:23Z'), depends: `${LIBC} so:libncursesw.so.6`,
    files: '=/usr/lib/libpanelw.so.6.4 14320' },
  { name: 'readline', version: '8.2.10-r0', desc: 'GNU readline library', url: 'https://tiswww.cwru.edu/php/chet/readline/rltop.html', license: 'GPL-3.0-or-later', built: at('2024-04-14T20:25:57Z'), depends: `${LIBC} so:libncursesw.so.6`,
    files: '=/usr/lib/libreadline.so.8.2 293232', texts: [['/etc/inputrc', INPUTRC]] },
  {
    name: 'bash', version: '5.2.26-r0', desc: 'The GNU Bourne Again shell', url: 'https://www.gnu.org/software/bash/bash.html', license: 'GPL-3.0-or-later', built: at('2024-04-14T20:33:40Z'),
    depends: `/bin/sh ${LIBC} so:libreadline.so.8`, scripts: ['post-install', 'pre-deinstall'],
    files: `/bin/bash 1145872 755
/etc/bash/`,
    texts: [['/etc/bash/bashrc', BASHRC]],
    // post-install: add-shell '/bin/bash'
    configured: () => {
      const tree = new Tree();
      tree.file('/etc/shells', '# valid login shells\n/bin/sh\n/bin/ash\n/bin/bash\n', { mtime: ALPINE_EPOCH });
      return tree;
    },
  },
  // editors
  {
    name: 'vim', version: VIM, desc: 'Improved vi-style text editor', url: 'https://www.vim.org/', license: 'Vim', built: at('2024-05-22T08:37:14Z'),
    depends: `vim-common=${VIM} xxd ${LIBC} so:libncursesw.so.6`,
    files: `/usr/bin/ex -> vim
/usr/bin/rview -> vim
/usr/bin/rvim -> vim
/usr/bin/view -> vim
/usr/bin/vim 3629488 755
/usr/bin/vimdiff -> vim
/usr/bin/vimtutor 2125 755`,
  },
  {
    name: 'vim-common', version: VIM, noarch: true, desc: 'Vim common files', url: 'https://www.vim.org/', license: 'Vim', origin: 'vim', built: at('2024-05-22T08:37:14Z'),
    files: '/etc/vim/vimrc 2583',
    build: (tree, mtime) => copyTree(tree, mtime, 'vim-runtime', '/usr/share/vim/vim90', '/usr/share/vim/vim91', { skip: (rel) => rel === '/doc' || rel.startsWith('/doc/') || rel.includes('/LC_MESSAGES') }).then(() => undefined),
  },
  { name: 'xxd', version: VIM, desc: 'Hexdump utility from vim', url: 'https://www.vim.org/', license: 'Vim', origin: 'vim', built: at('2024-05-22T08:37:14Z'), depends: LIBC,
    files: '/usr/bin/xxd 18056 755' },
  {
    name: 'nano', version: '8.0-r0', desc: 'Enhanced clone of the Pico text editor', url: 'https://www.nano-editor.org/', license: 'GPL-3.0-or-later', built: at('2024-05-03T06:14:55Z'),
    depends: `${LIBC} so:libmagic.so.1 so:libncursesw.so.6`,
    files: `/usr/bin/nano 296488 755
/usr/bin/rnano -> nano`,
    build: (tree, mtime) => copyTree(tree, mtime, 'nano', '/etc/nanorc', '/etc/nanorc', { text: () => true }).then(() => undefined),
  },
  {
    name: 'libmagic', version: '5.45-r1', desc: 'File type identification library', url: 'https://www.darwinsys.com/file/', license: 'BSD-2-Clause', origin: 'file', built: at('2024-04-14T19:40:16Z'),
    depends: `${LIBC} so:libz.so.1`,
    files: `=/usr/lib/libmagic.so.1.0.0 162168
/usr/share/misc/magic.mgc 8396752`,
  },
  { name: 'file', version: '5.45-r1', desc: 'File type identification utility', url: 'https://www.darwinsys.com/file/', license: 'BSD-2-Clause', built: at('2024-04-14T19:40:16Z'), depends: `${LIBC} so:libmagic.so.1`,
    files: '/usr/bin/file 18048 755' },
  // jq, tzdata
  { name: 'oniguruma', version: '6.9.9-r0', desc: 'a regular expressions library', url: 'https://github.com/kkos/oniguruma', license: 'BSD-2-Clause', built: at('2023-11-05T13:09:02Z'), depends: LIBC,
    files: '=/usr/lib/libonig.so.5.4.0 518784' },
  { name: 'jq', version: '1.7.1-r0', desc: 'A lightweight and flexible command-line JSON processor', url: 'https://jqlang.github.io/jq/', license: 'MIT', built: at('2023-12-13T21:50:45Z'), depends: `${LIBC} so:libonig.so.5`,
    files: '/usr/bin/jq 367320 755' },
  {
    name: 'tzdata', version: '2024b-r0', desc: 'Timezone data', url: 'https://www.iana.org/time-zones', license: 'Public-Domain', built: at('2024-09-05T16:58:20Z'), depends: LIBC,
    files: '/usr/bin/posixtz 14264 755',
    build: (tree, mtime) => copyTree(tree, mtime, 'tzdata', '/usr/share/zoneinfo', '/usr/share/zoneinfo', { skip: (rel) => /^\/(right|posix)(\/|$)/.test(rel) || rel === '/localtime' }).then(() => undefined),
  },
  // python3
  { name: 'libbz2', version: '1.0.8-r6', desc: 'Shared library for bz2', url: 'https://sourceware.org/bzip2/', license: 'bzip2-1.0.6', origin: 'bzip2', built: at('2023-04-21T11:10:44Z'), depends: LIBC,
    files: '=/usr/lib/libbz2.so.1.0.8 71152' },
  { name: 'libffi', version: '3.4.6-r0', desc: 'portable, high level programming interface to various calling conventions.', url: 'https://sourceware.org/libffi/', license: 'MIT', built: at('2024-02-19T09:01:21Z'), depends: LIBC,
    files: '=/usr/lib/libffi.so.8.1.4 43072' },
  { name: 'gdbm', version: '1.23-r1', desc: 'GNU dbm is a set of database routines that use extensible hashing', url: 'https://www.gnu.org/software/gdbm/', license: 'GPL-3.0-or-later', built: at('2023-04-21T12:55:37Z'), depends: LIBC,
    files: `=/usr/lib/libgdbm.so.6.0.0 63696
=/usr/lib/libgdbm_compat.so.4.0.0 14128` },
  { name: 'xz-libs', version: '5.6.2-r0', desc: 'Library and CLI tools for XZ and LZMA compressed files (libraries)', url: 'https://tukaani.org/xz', license: 'GPL-2.0-or-later AND 0BSD AND Public-Domain AND LGPL-2.1-or-later', origin: 'xz', built: at('2024-05-30T06:22:15Z'), depends: LIBC,
    files: '=/usr/lib/liblzma.so.5.6.2 190520' },
  { name: 'mpdecimal', version: '4.0.0-r0', desc: 'complete implementation of the General Decimal Arithmetic Specification', url: 'https://www.bytereef.org/mpdecimal/', license: 'BSD-2-Clause', built: at('2024-01-12T20:11:48Z'), depends: `${LIBC} so:libgcc_s.so.1 so:libstdc++.so.6`,
    files: `=/usr/lib/libmpdec++.so.4.0.0 79904
=/usr/lib/libmpdec.so.4.0.0 231032` },
  { name: 'sqlite-libs', version: '3.45.3-r1', desc: 'Sqlite3 library', url: 'https://www.sqlite.org/', license: 'blessing', origin: 'sqlite', built: at('2024-06-24T12:04:13Z'), depends: LIBC,
    files: '=/usr/lib/libsqlite3.so.0.8.6 1402288' },
  { name: 'libgcc', version: GCC, desc: 'GNU C compiler runtime libraries', url: 'https://gcc.gnu.org', license: 'GPL-2.0-or-later AND LGPL-2.1-or-later', origin: 'gcc', built: GCC_BUILT, depends: LIBC,
    files: '/usr/lib/libgcc_s.so.1 149352 755' },
  { name: 'libstdc++', version: GCC, desc: 'GNU C++ standard runtime library', url: 'https://gcc.gnu.org', license: 'GPL-2.0-or-later AND LGPL-2.1-or-later', origin: 'gcc', built: GCC_BUILT, depends: `${LIBC} so:libgcc_s.so.1`,
    files: '=/usr/lib/libstdc++.so.6.0.32 2606976' },
  {
    name: 'python3', version: PYV, desc: 'A high-level scripting language', url: 'https://www.python.org/', license: 'PSF-2.0', built: at('2024-10-02T09:47:31Z'),
    depends: `so:libbz2.so.1 ${LIBC} so:libcrypto.so.3 so:libexpat.so.1 so:libffi.so.8 so:libgdbm.so.6 so:libgdbm_compat.so.4 so:liblzma.so.5 so:libmpdec.so.4 so:libncursesw.so.6 so:libpanelw.so.6 so:libreadline.so.8 so:libsqlite3.so.0 so:libssl.so.3 so:libz.so.1`,
    files: `/usr/bin/pydoc3 -> pydoc3.12
/usr/bin/pydoc3.12 79 755
/usr/bin/python3 -> python3.12
/usr/bin/python3.12 14376 755
/usr/lib/libpython3.12.so.1.0 5542736 755
/usr/lib/libpython3.so 14096 755`,
    texts: [['/usr/bin/pydoc3.12', '#!/usr/bin/python3.12\n\nimport pydoc\nif __name__ == \'__main__\':\n    pydoc.cli()\n', 0o755]],
    build: pythonStdlib,
  },
  {
    name: 'python3-pycache-pyc0', version: PYV, noarch: true, desc: 'Precompiled Python bytecode for python3 (pycache-pyc0)', url: 'https://www.python.org/', license: 'PSF-2.0', origin: 'python3', built: at('2024-10-02T09:47:31Z'),
    installIf: `python3=${PYV}`,
    build: (tree, mtime) => {
      const source = trees.get('python3')!;
      for (const [path, node] of pycacheFor(source, mtime, PY).nodes) tree.set(path, node);
    },
  },
  { name: 'pyc', version: PYV, noarch: true, desc: 'Meta package for pulling in all -pyc packages', url: 'https://www.python.org/', license: 'PSF-2.0', origin: 'python3', built: at('2024-10-02T09:47:31Z'), installIf: `python3=${PYV}` },
  { name: 'python3-pyc', version: PYV, noarch: true, desc: 'Precompiled Python bytecode for python3', url: 'https://www.python.org/', license: 'PSF-2.0', origin: 'python3', built: at('2024-10-02T09:47:31Z'),
    depends: `python3-pycache-pyc0=${PYV}`, installIf: `python3=${PYV} pyc` },
  {
    name: 'py3-parsing', version: '3.1.2-r1', noarch: true, desc: 'Object-oriented approach to text processing', url: 'https://github.com/pyparsing/pyparsing', license: 'MIT', built: at('2024-04-15T21:33:06Z'), depends: 'python3~3.12',
    build: async (tree, mtime) => {
      await sitePackage(tree, mtime, 'python3-pyparsing', '/usr/lib/python3/dist-packages', ['pyparsing']);
      distInfo(tree, mtime, `${SITE}/pyparsing-3.1.2.dist-info`, { 'LICENSE': 1023, 'METADATA': 5_069, 'RECORD': 1_846, 'WHEEL': 'Wheel-Version: 1.0\nGenerator: flit 3.9.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n' });
    },
  },
  {
    name: 'py3-packaging', version: '24.0-r1', noarch: true, desc: 'Core utilities for Python packages', url: 'https://github.com/pypa/packaging', license: 'Apache-2.0', built: at('2024-04-15T21:40:12Z'), depends: 'py3-parsing python3~3.12',
    build: async (tree, mtime) => {
      await sitePackage(tree, mtime, 'python3-packaging', '/usr/lib/python3/dist-packages', ['packaging']);
      distInfo(tree, mtime, `${SITE}/packaging-24.0.dist-info`, { 'LICENSE': 197, 'LICENSE.APACHE': 10_174, 'LICENSE.BSD': 1_344, 'METADATA': 3_203, 'RECORD': 2_165, 'WHEEL': 'Wheel-Version: 1.0\nGenerator: flit 3.9.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n' });
    },
  },
  {
    name: 'py3-setuptools', version: '70.3.0-r0', noarch: true, desc: 'Collection of enhancements to the Python distutils', url: 'https://pypi.org/project/setuptools', license: 'MIT', built: at('2024-07-13T08:26:44Z'), depends: 'py3-packaging python3~3.12',
    build: async (tree, mtime) => {
      await sitePackage(tree, mtime, 'python3-setuptools', '/usr/lib/python3/dist-packages', ['setuptools', '_distutils_hack']);
      await sitePackage(tree, mtime, 'python3-pkg-resources', '/usr/lib/python3/dist-packages', ['pkg_resources']);
      tree.file(`${SITE}/distutils-precedence.pth`, "import os; var = 'SETUPTOOLS_USE_DISTUTILS'; enabled = os.environ.get(var, 'local') == 'local'; __import__('_distutils_hack').add_shim(); \n", { mtime });
      distInfo(tree, mtime, `${SITE}/setuptools-70.3.0.dist-info`, { 'LICENSE': 1023, 'METADATA': 5_831, 'RECORD': 51_734, 'WHEEL': 'Wheel-Version: 1.0\nGenerator: setuptools (70.3.0)\nRoot-Is-Purelib: true\nTag: py3-none-any\n\n', 'entry_points.txt': 2_449, 'top_level.txt': '_distutils_hack\npkg_resources\nsetuptools\n' });
    },
  },
  {
    name: 'py3-pip', version: '24.0-r2', noarch: true, desc: 'Tool for installing and managing Python packages', url: 'https://pip.pypa.io', license: 'MIT', built: at('2024-04-15T22:02:51Z'), depends: 'py3-setuptools python3~3.12',
    texts: [['/usr/bin/pip', pipScript('pip._internal.cli.main', 'main'), 0o755], ['/usr/bin/pip3', pipScript('pip._internal.cli.main', 'main'), 0o755], ['/usr/bin/pip3.12', pipScript('pip._internal.cli.main', 'main'), 0o755]],
    build: async (tree, mtime) => {
      await sitePackage(tree, mtime, 'python3-pip', '/usr/lib/python3/dist-packages', ['pip']);
      distInfo(tree, mtime, `${SITE}/pip-24.0.dist-info`, { 'AUTHORS.txt': 10_388, 'LICENSE.txt': 1_093, 'METADATA': 3_581, 'RECORD': 63_981, 'WHEEL': 'Wheel-Version: 1.0\nGenerator: bdist_wheel (0.42.0)\nRoot-Is-Purelib: true\nTag: py3-none-any\n\n', 'entry_points.txt': '[console_scripts]\npip = pip._internal.cli.main:main\npip3 = pip._internal.cli.main:main\npip3.12 = pip._internal.cli.main:main\n', 'top_level.txt': 'pip\n' });
    },
  },
  pycPackage('py3-parsing', '3.1.2-r1', at('2024-04-15T21:33:06Z'), SITE, 'Object-oriented approach to text processing (precompiled bytecode)', 'py3-parsing'),
  pycPackage('py3-packaging', '24.0-r1', at('2024-04-15T21:40:12Z'), SITE, 'Core utilities for Python packages (precompiled bytecode)', 'py3-packaging'),
  pycPackage('py3-setuptools', '70.3.0-r0', at('2024-07-13T08:26:44Z'), SITE, 'Collection of enhancements to the Python distutils (precompiled bytecode)', 'py3-setuptools'),
  pycPackage('py3-pip', '24.0-r2', at('2024-04-15T22:02:51Z'), SITE, 'Tool for installing and managing Python packages (precompiled bytecode)', 'py3-pip'),
  // node
  { name: 'ada-libs', version: '2.7.8-r0', desc: 'WHATWG-compliant and fast URL parser written in modern C++ (libraries)', url: 'https://ada-url.github.io/ada/', license: 'Apache-2.0 OR MIT', origin: 'ada', built: at('2024-04-17T14:13:52Z'), depends: `${LIBC} so:libgcc_s.so.1 so:libstdc++.so.6`,
    files: '=/usr/lib/libada.so.2.7.8 152064' },
  { name: 'libbase64', version: '0.5.2-r0', desc: 'Fast Base64 stream encoder/decoder in C99, with SIMD acceleration', url: 'https://github.com/aklomp/base64', license: 'BSD-2-Clause', origin: 'base64', built: at('2024-04-17T14:02:33Z'), depends: LIBC,
    files: '=/usr/lib/libbase64.so.0.5.2 71288' },
  {
    name: 'icu-data-en', version: ICU, noarch: true, desc: 'Stripped down ICU data with only en_US/GB locale and no legacy charsets', url: 'https://icu.unicode.org/', license: 'ICU', origin: 'icu', built: at('2024-04-16T18:31:45Z'),
    depends: '/bin/sh', provides: `icu-data=${ICU}`, scripts: ['post-install'],
    files: '/usr/share/icu/74.2/icudt74l.dat 2620432',
    messages: ['*', '* If you need ICU with non-English locales and legacy charset support, install', '* package icu-data-full.', '*'],
  },
  { name: 'icu-libs', version: ICU, desc: 'International Components for Unicode library (libraries)', url: 'https://icu.unicode.org/', license: 'ICU', origin: 'icu', built: at('2024-04-16T18:31:45Z'),
    depends: `icu-data ${LIBC} so:libgcc_s.so.1 so:libstdc++.so.6`,
    files: `=/usr/lib/libicudata.so.74.2 13544
=/usr/lib/libicui18n.so.74.2 3161624
=/usr/lib/libicuio.so.74.2 59712
=/usr/lib/libicutu.so.74.2 215448
=/usr/lib/libicuuc.so.74.2 2093864` },
  {
    name: 'nodejs', version: '20.15.1-r0', desc: 'JavaScript runtime built on V8 engine - LTS version', url: 'https://nodejs.org/', license: 'MIT', built: at('2024-07-09T20:12:37Z'), maintainer: JIRUTKA,
    depends: `ca-certificates so:libada.so.2 so:libbase64.so.0 so:libbrotlidec.so.1 so:libbrotlienc.so.1 ${LIBC} so:libcares.so.2 so:libcrypto.so.3 so:libgcc_s.so.1 so:libicui18n.so.74 so:libicuuc.so.74 so:libnghttp2.so.14 so:libssl.so.3 so:libstdc++.so.6 so:libz.so.1`,
    provides: 'nodejs-lts=20.15.1',
    files: `/usr/bin/node 45136472 755
/usr/lib/node_modules/
/usr/share/systemtap/tapset/node.stp 8314`,
  },
  {
    name: 'npm', version: `${NPM_VERSION}-r0`, noarch: true, repo: 'community', desc: 'The package manager for JavaScript', url: 'https://www.npmjs.com/', license: 'Artistic-2.0', built: at('2024-05-21T19:42:10Z'), maintainer: JIRUTKA,
    depends: 'cmd:node', replaces: 'nodejs-doc',
    files: `/usr/bin/node-gyp -> ../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js
/usr/bin/npm -> ../lib/node_modules/npm/bin/npm-cli.js
/usr/bin/npx -> ../lib/node_modules/npm/bin/npx-cli.js`,
    texts: [['/usr/lib/node_modules/npm/npmrc', '# Do not modify this file - use /etc/npmrc instead!\nglobalconfig=/etc/npmrc\nglobalignorefile=/etc/npmignore\nprefix=/usr/local\npython=/usr/bin/python3\nupdate-notifier=false\n']],
    build: npmTree,
  },
  // nginx
  { name: 'pcre', version: '8.45-r3', desc: 'Perl-compatible regular expression library', url: 'https://pcre.sourceforge.net', license: 'BSD-3-Clause', built: at('2023-04-21T13:40:21Z'), depends: LIBC,
    files: '=/usr/lib/libpcre.so.1.2.13 399096' },
  {
    name: 'nginx', version: '1.26.2-r0', desc: 'HTTP and reverse proxy server (stable version)', url: 'https://www.nginx.org/', license: 'BSD-2-Clause', built: at('2024-08-14T17:20:56Z'), maintainer: JIRUTKA,
    depends: `/bin/sh ${LIBC} so:libcrypto.so.3 so:libpcre.so.1 so:libssl.so.3 so:libz.so.1`, scripts: ['pre-install', 'post-install'],
    files: `/etc/nginx/http.d/
/etc/nginx/modules -> /usr/lib/nginx/modules
/run/nginx/ 755 100 101
/usr/lib/nginx/modules/
/usr/sbin/nginx 1306632 755
/var/lib/nginx/ 755
/var/lib/nginx/html/
/var/lib/nginx/logs -> /var/log/nginx
/var/lib/nginx/modules -> /usr/lib/nginx/modules
/var/lib/nginx/run -> /run/nginx
/var/lib/nginx/tmp/ 700 100 101
/var/log/nginx/ 750 100 101`,
    texts: [
      ['/etc/logrotate.d/nginx', '/var/log/nginx/*.log {\n\tmissingok\n\tsharedscripts\n\tpostrotate\n\t\t/etc/init.d/nginx --quiet --ifstarted reopen\n\tendscript\n}\n'],
      ['/etc/nginx/http.d/default.conf', NGINX_DEFAULT_CONF],
      ['/etc/nginx/nginx.conf', NGINX_CONF],
      ['/var/lib/nginx/html/50x.html', ERROR_HTML],
      ['/var/lib/nginx/html/index.html', INDEX_HTML],
    ],
    build: async (tree, mtime) => {
      const common = await deb('nginx-common');
      for (const name of ['fastcgi.conf', 'fastcgi_params', 'mime.types', 'scgi_params', 'uwsgi_params']) {
        const data = common.find((e) => e.path === `/etc/nginx/${name}`)?.data;
        if (!data) throw new Error(`nginx-common has no /etc/nginx/${name}`);
        tree.file(`/etc/nginx/${name}`, data, { mtime });
      }
    },
    // pre-install: addgroup -S nginx; adduser -S -D -H -h /var/lib/nginx -s /sbin/nologin -G nginx -g nginx nginx; addgroup nginx www-data
    configured: () => {
      const tree = new Tree();
      const mtime = ALPINE_EPOCH;
      tree.file('/etc/passwd', `${ALPINE_PASSWD}nginx:x:100:101:nginx:/var/lib/nginx:/sbin/nologin\n`, { mtime });
      tree.file('/etc/group', `${ALPINE_GROUP.replace('www-data:x:82:\n', 'www-data:x:82:nginx\n')}nginx:x:101:nginx\n`, { mtime });
      tree.file('/etc/shadow', `${ALPINE_SHADOW}nginx:!:${Math.floor(mtime / 86400)}:0:99999:7:::\n`, { mtime, mode: 0o640 });
      return tree;
    },
  },
  { name: 'openssl', version: '3.3.2-r0', desc: 'Toolkit for Transport Layer Security (TLS)', url: 'https://www.openssl.org/', license: 'Apache-2.0', built: 1725362592, depends: `${LIBC} so:libcrypto.so.3 so:libssl.so.3`,
    files: '/usr/bin/openssl 749440 755' },
  // iputils, procps
  { name: 'iputils', version: IPUTILS, noarch: true, desc: 'IP Configuration Utilities (and Ping)', url: 'https://github.com/iputils/iputils/', license: 'BSD-3-Clause AND GPL-2.0-or-later', built: at('2024-01-17T19:10:08Z'),
    depends: 'iputils-arping iputils-clockdiff iputils-ping iputils-tracepath' },
  { name: 'iputils-arping', version: IPUTILS, desc: 'IP Configuration Utilities (and Ping) (arping)', url: 'https://github.com/iputils/iputils/', license: 'BSD-3-Clause AND GPL-2.0-or-later', origin: 'iputils', built: at('2024-01-17T19:10:08Z'), depends: LIBC,
    files: '/usr/bin/arping 30624 755' },
  { name: 'iputils-clockdiff', version: IPUTILS, desc: 'IP Configuration Utilities (and Ping) (clockdiff)', url: 'https://github.com/iputils/iputils/', license: 'BSD-3-Clause AND GPL-2.0-or-later', origin: 'iputils', built: at('2024-01-17T19:10:08Z'), depends: LIBC,
    files: '/usr/bin/clockdiff 22168 755' },
  { name: 'iputils-ping', version: IPUTILS, desc: 'IP Configuration Utilities (and Ping) (ping)', url: 'https://github.com/iputils/iputils/', license: 'BSD-3-Clause AND GPL-2.0-or-later', origin: 'iputils', built: at('2024-01-17T19:10:08Z'), depends: LIBC,
    files: '/usr/bin/ping 68472 755' },
  { name: 'iputils-tracepath', version: IPUTILS, desc: 'IP Configuration Utilities (and Ping) (tracepath)', url: 'https://github.com/iputils/iputils/', license: 'BSD-3-Clause AND GPL-2.0-or-later', origin: 'iputils', built: at('2024-01-17T19:10:08Z'), depends: LIBC,
    files: '/usr/bin/tracepath 18048 755' },
  { name: 'libproc2', version: PROCPS, desc: 'Library for monitoring system and processes', url: 'https://gitlab.com/procps-ng/procps', license: 'GPL-2.0-or-later AND LGPL-2.1-or-later', origin: 'procps-ng', built: at('2024-04-14T21:06:11Z'), depends: LIBC,
    files: '=/usr/lib/libproc2.so.0.0.2 112912' },
  {
    name: 'procps-ng', version: PROCPS, desc: 'Utilities for monitoring your system and processes on your system', url: 'https://gitlab.com/procps-ng/procps', license: 'GPL-2.0-or-later AND LGPL-2.1-or-later', built: at('2024-04-14T21:06:11Z'),
    depends: `${LIBC} so:libncursesw.so.6 so:libproc2.so.0`, provides: `procps=${PROCPS}`,
    files: `/bin/ps 134808 755
/sbin/sysctl 26704 755
/usr/bin/free 22512 755
/usr/bin/pgrep 30744 755
/usr/bin/pidwait 30744 755
/usr/bin/pkill 30744 755
/usr/bin/pmap 30680 755
/usr/bin/pwdx 14424 755
/usr/bin/slabtop 22664 755
/usr/bin/tload 18536 755
/usr/bin/top 121128 755
/usr/bin/uptime 14424 755
/usr/bin/vmstat 30896 755
/usr/bin/w 22576 755
/usr/bin/watch 26912 755`,
  },
  // the compiler
  { name: 'build-base', version: '0.5-r3', desc: 'Meta package for build base', url: 'https://alpinelinux.org', license: 'MIT', built: at('2022-05-05T14:17:02Z'),
    depends: 'binutils file gcc g++ make libc-dev fortify-headers patch' },
  { name: 'jansson', version: '2.14-r4', desc: 'easy-to-use C library for JSON', url: 'https://www.digip.org/jansson/', license: 'MIT', built: at('2023-04-21T13:05:59Z'), depends: LIBC,
    files: '=/usr/lib/libjansson.so.4.14.0 55256' },
  {
    name: 'binutils', version: '2.42-r0', desc: 'Tools necessary to build programs', url: 'https://www.gnu.org/software/binutils/', license: 'GPL-2.0-or-later AND GPL-3.0-or-later AND LGPL-2.0-or-later AND BSD-3-Clause', built: at('2024-01-30T10:48:26Z'),
    depends: `${LIBC} so:libgcc_s.so.1 so:libjansson.so.4 so:libstdc++.so.6 so:libz.so.1 so:libzstd.so.1`,
    files: `/usr/bin/addr2line 34936 755
/usr/bin/ar 63512 755
/usr/bin/as 735040 755
/usr/bin/c++filt 34304 755
/usr/bin/elfedit 38624 755
/usr/bin/gprof 100312 755
/usr/bin/ld 1713576 755
/usr/bin/ld.bfd => /usr/bin/ld
/usr/bin/nm 51528 755
/usr/bin/objcopy 214440 755
/usr/bin/objdump 398616 755
/usr/bin/ranlib 63512 755
/usr/bin/readelf 747672 755
/usr/bin/size 34656 755
/usr/bin/strings 34792 755
/usr/bin/strip 214440 755
/usr/lib/bfd-plugins/libdep.so 18064 755
/usr/lib/libbfd-2.42.so 1600528 755
=/usr/lib/libctf-nobfd.so.0.0.0 113376
=/usr/lib/libctf.so.0.0.0 117488
=/usr/lib/libgprofng.so.0.0.0 588312
/usr/lib/libopcodes-2.42.so 826856 755
=/usr/lib/libsframe.so.1.0.0 18432
/usr/${TRIPLE}/bin/ar => /usr/bin/ar
/usr/${TRIPLE}/bin/as => /usr/bin/as
/usr/${TRIPLE}/bin/ld => /usr/bin/ld
/usr/${TRIPLE}/bin/ld.bfd => /usr/bin/ld
/usr/${TRIPLE}/bin/nm => /usr/bin/nm
/usr/${TRIPLE}/bin/objcopy => /usr/bin/objcopy
/usr/${TRIPLE}/bin/objdump => /usr/bin/objdump
/usr/${TRIPLE}/bin/ranlib => /usr/bin/ranlib
/usr/${TRIPLE}/bin/readelf => /usr/bin/readelf
/usr/${TRIPLE}/bin/strip => /usr/bin/strip`,
    build: (tree, mtime) => {
      // The linker scripts of the x86 emulations.
      const suffixes: [string, number][] = [['x', 6_538], ['xbn', 6_040], ['xc', 6_940], ['xce', 7_032], ['xd', 6_410], ['xdc', 6_812], ['xdce', 6_904], ['xdw', 6_904], ['xe', 6_630], ['xn', 6_440], ['xr', 1_286], ['xs', 6_244], ['xsc', 6_596], ['xsce', 6_688], ['xsw', 6_688], ['xu', 1_282], ['xw', 7_032], ['xwe', 7_124]];
      for (const emulation of ['elf_x86_64', 'elf32_x86_64', 'elf_i386', 'elf_iamcu']) {
        for (const [suffix, size] of suffixes) tree.sizedFile(`/usr/${TRIPLE}/lib/ldscripts/${emulation}.${suffix}`, size - (emulation === 'elf_x86_64' ? 0 : 60), { mtime });
      }
    },
  },
  { name: 'libgomp', version: GCC, desc: 'GCC shared-memory parallel programming API library', url: 'https://gcc.gnu.org', license: 'GPL-2.0-or-later AND LGPL-2.1-or-later', origin: 'gcc', built: GCC_BUILT, depends: LIBC,
    files: '=/usr/lib/libgomp.so.1.0.0 330936' },
  { name: 'libatomic', version: GCC, desc: 'GCC Atomic library', url: 'https://gcc.gnu.org', license: 'GPL-2.0-or-later AND LGPL-2.1-or-later', origin: 'gcc', built: GCC_BUILT, depends: LIBC,
    files: '=/usr/lib/libatomic.so.1.2.0 30840' },
  { name: 'gmp', version: '6.3.0-r1', desc: 'free library for arbitrary precision arithmetic', url: 'https://gmplib.org/', license: 'LGPL-3.0-or-later OR GPL-2.0-or-later', built: at('2024-04-13T10:41:51Z'), depends: LIBC,
    files: '=/usr/lib/libgmp.so.10.5.0 468856' },
  { name: 'isl26', version: '0.26-r1', desc: 'An Integer Set Library for the Polyhedral Model', url: 'https://libisl.sourceforge.io/', license: 'MIT', built: at('2024-04-13T11:02:09Z'), depends: `${LIBC} so:libgmp.so.10`,
    files: '=/usr/lib/libisl.so.23.3.0 1904672' },
  { name: 'mpfr4', version: '4.2.1-r0', desc: 'multiple-precision floating-point library', url: 'https://www.mpfr.org/', license: 'LGPL-3.0-or-later', origin: 'mpfr4', built: at('2023-08-24T08:13:37Z'), depends: `${LIBC} so:libgmp.so.10`,
    files: '=/usr/lib/libmpfr.so.6.2.1 486584' },
  { name: 'mpc1', version: '1.3.1-r1', desc: 'Multiprecision C library', url: 'https://www.multiprecision.org/', license: 'LGPL-3.0-or-later', built: at('2023-04-21T14:16:12Z'), depends: `${LIBC} so:libgmp.so.10 so:libmpfr.so.6`,
    files: '=/usr/lib/libmpc.so.3.3.1 121288' },
  {
    name: 'gcc', version: GCC, desc: 'The GNU Compiler Collection', url: 'https://gcc.gnu.org', license: 'GPL-2.0-or-later AND LGPL-2.1-or-later', built: GCC_BUILT,
    depends: `binutils libgomp=${GCC} libatomic=${GCC} libgcc>=${GCC} ${LIBC} so:libgcc_s.so.1 so:libgmp.so.10 so:libisl.so.23 so:libmpc.so.3 so:libmpfr.so.6 so:libstdc++.so.6 so:libz.so.1 so:libzstd.so.1`,
    files: `/usr/bin/c89 428 755
/usr/bin/c99 454 755
/usr/bin/cc -> gcc
/usr/bin/cpp 1174552 755
/usr/bin/gcc 1166360 755
/usr/bin/gcc-ar 30904 755
/usr/bin/gcc-nm 30904 755
/usr/bin/gcc-ranlib 30904 755
/usr/bin/gcov 630480 755
/usr/bin/gcov-dump 451824 755
/usr/bin/gcov-tool 499456 755
/usr/bin/lto-dump 29914112 755
/usr/bin/${TRIPLE}-gcc => /usr/bin/gcc
/usr/bin/${TRIPLE}-gcc-${GCCV} => /usr/bin/gcc
/usr/bin/${TRIPLE}-gcc-ar => /usr/bin/gcc-ar
/usr/bin/${TRIPLE}-gcc-nm => /usr/bin/gcc-nm
/usr/bin/${TRIPLE}-gcc-ranlib => /usr/bin/gcc-ranlib
/usr/lib/bfd-plugins/liblto_plugin.so -> ../../libexec/gcc/${TRIPLE}/${GCCV}/liblto_plugin.so
/usr/lib/libatomic.so -> libatomic.so.1.2.0
/usr/lib/libgcc_s.so 132
/usr/lib/libgomp.so -> libgomp.so.1.0.0
/usr/lib/libgomp.spec 169
${GCC_LIB}/crtbegin.o 2448
${GCC_LIB}/crtbeginS.o 2760
${GCC_LIB}/crtbeginT.o 2968
${GCC_LIB}/crtend.o 1160
${GCC_LIB}/crtendS.o 1160
${GCC_LIB}/crtfastmath.o 4016
${GCC_LIB}/crtprec32.o 3672
${GCC_LIB}/crtprec64.o 3688
${GCC_LIB}/crtprec80.o 3672
${GCC_LIB}/include-fixed/README 750
${GCC_LIB}/libgcc.a 3244738
${GCC_LIB}/libgcc_eh.a 70182
${GCC_LIB}/libgcov.a 72104
${GCC_EXEC}/cc1 31905272 755
${GCC_EXEC}/collect2 553384 755
${GCC_EXEC}/liblto_plugin.so 80216 755
${GCC_EXEC}/lto-wrapper 1043576 755
${GCC_EXEC}/lto1 29877248 755`,
    texts: [['/usr/lib/libgcc_s.so', '/* GNU ld script\n   Use the shared library, but some functions are only in\n   the static library.  */\nGROUP ( libgcc_s.so.1 -lgcc )\n']],
    build: (tree, mtime) => copyTree(tree, mtime, 'libgcc-12-dev', '/usr/lib/gcc/x86_64-linux-gnu/12/include', `${GCC_LIB}/include`).then(() => undefined),
  },
  {
    name: 'libstdc++-dev', version: GCC, desc: 'GNU C++ standard runtime library (development files)', url: 'https://gcc.gnu.org', license: 'GPL-2.0-or-later AND LGPL-2.1-or-later', origin: 'gcc', built: GCC_BUILT,
    depends: `libstdc++=${GCC}`,
    files: `/usr/lib/libstdc++.a 6394680
/usr/lib/libstdc++.so -> libstdc++.so.6.0.32
/usr/lib/libstdc++exp.a 1049728
/usr/lib/libstdc++fs.a 1031562
/usr/lib/libsupc++.a 745840`,
    build: async (tree, mtime) => {
      await copyTree(tree, mtime, 'libstdc++-12-dev', '/usr/include/c++/12', `/usr/include/c++/${GCCV}`);
      await copyTree(tree, mtime, 'libstdc++-12-dev', '/usr/include/x86_64-linux-gnu/c++/12', `/usr/include/c++/${GCCV}/${TRIPLE}`);
    },
  },
  {
    name: 'g++', version: GCC, desc: 'GNU C++ standard library and compiler', url: 'https://gcc.gnu.org', license: 'GPL-2.0-or-later AND LGPL-2.1-or-later', origin: 'gcc', built: GCC_BUILT,
    depends: `gcc=${GCC} libstdc++-dev=${GCC} musl-dev ${LIBC} so:libgcc_s.so.1 so:libgmp.so.10 so:libisl.so.23 so:libmpc.so.3 so:libmpfr.so.6 so:libstdc++.so.6 so:libz.so.1 so:libzstd.so.1`,
    files: `/usr/bin/c++ => /usr/bin/g++
/usr/bin/g++ 1170456 755
/usr/bin/${TRIPLE}-c++ => /usr/bin/g++
/usr/bin/${TRIPLE}-g++ => /usr/bin/g++
${GCC_EXEC}/cc1plus 34071928 755
${GCC_EXEC}/g++-mapper-server 186648 755`,
  },
  {
    name: 'musl-dev', version: '1.2.5-r0', desc: 'the musl c library (libc) implementation (development files)', url: 'https://musl.libc.org/', license: 'MIT', origin: 'musl', built: 1712327133, maintainer: 'Timo Teräs <timo.teras@iki.fi>',
    depends: 'musl=1.2.5-r0', provides: 'libc-dev=1.2.5-r0',
    files: `/usr/lib/Scrt1.o 1352
/usr/lib/crt1.o 1344
/usr/lib/crti.o 1392
/usr/lib/crtn.o 1360
/usr/lib/libc.a 2617990
/usr/lib/libc.so -> ../../lib/ld-musl-x86_64.so.1
/usr/lib/libcrypt.a 8
/usr/lib/libdl.a 8
/usr/lib/libm.a 8
/usr/lib/libpthread.a 8
/usr/lib/libresolv.a 8
/usr/lib/librt.a 8
/usr/lib/libssp_nonshared.a 1456
/usr/lib/libutil.a 8
/usr/lib/libxnet.a 8
/usr/lib/rcrt1.o 5984`,
    build: (tree, mtime) => copyTree(tree, mtime, 'musl-dev', '/usr/include/x86_64-linux-musl', '/usr/include').then(() => undefined),
  },
  { name: 'make', version: '4.4.1-r2', desc: 'GNU make utility to maintain groups of programs', url: 'https://www.gnu.org/software/make/', license: 'GPL-3.0-or-later', built: at('2023-11-30T08:04:21Z'), depends: LIBC,
    files: '/usr/bin/make 248360 755' },
  { name: 'patch', version: '2.7.6-r10', desc: 'Utility to apply diffs to files', url: 'https://www.gnu.org/software/patch/patch.html', license: 'GPL-3.0-or-later', built: at('2023-04-21T14:30:52Z'), depends: LIBC,
    files: '/usr/bin/patch 120648 755' },
  { name: 'fortify-headers', version: '1.1-r3', noarch: true, desc: 'standalone fortify source implementation', url: 'https://git.2f30.org/fortify-headers/', license: '0BSD', built: at('2023-04-21T12:44:30Z'),
    files: `/usr/include/fortify/fcntl.h 2149
/usr/include/fortify/fortify-headers.h 1146
/usr/include/fortify/poll.h 1680
/usr/include/fortify/stdio.h 4378
/usr/include/fortify/stdlib.h 1703
/usr/include/fortify/string.h 5201
/usr/include/fortify/strings.h 1540
/usr/include/fortify/sys/select.h 1964
/usr/include/fortify/sys/socket.h 2152
/usr/include/fortify/unistd.h 4960
/usr/include/fortify/wchar.h 7210` },
  // small tools
  { name: 'less', version: '643-r2', desc: 'File pager', url: 'https://www.greenwoodsoftware.com/less/', license: 'GPL-3.0-or-later OR BSD-2-Clause', built: at('2024-04-14T20:52:31Z'), depends: `${LIBC} so:libncursesw.so.6`,
    files: `/usr/bin/less 166728 755
/usr/bin/lessecho 14320 755
/usr/bin/lesskey 26768 755` },
  { name: 'htop', version: '3.3.0-r0', desc: 'Interactive process viewer', url: 'https://htop.dev/', license: 'GPL-2.0-or-later', built: at('2024-01-10T22:37:49Z'), depends: `${LIBC} so:libncursesw.so.6`,
    files: `/usr/bin/htop 260096 755
/usr/share/applications/htop.desktop 1521
/usr/share/icons/hicolor/scalable/apps/htop.svg 12212
/usr/share/pixmaps/htop.png 11099` },
  { name: 'unzip', version: '6.0-r14', desc: 'Extract PKZIP-compatible .zip files', url: 'https://infozip.sourceforge.net/UnZip.html', license: 'Info-ZIP', built: at('2023-04-21T15:09:10Z'), depends: LIBC,
    files: `/usr/bin/funzip 26568 755
/usr/bin/unzip 174272 755
/usr/bin/unzipsfx 76224 755
/usr/bin/zipgrep 2953 755
/usr/bin/zipinfo -> unzip` },
  { name: 'zip', version: '3.0-r12', desc: 'Creates PKZIP-compatible .zip files', url: 'https://infozip.sourceforge.net/Zip.html', license: 'Info-ZIP', built: at('2023-04-21T15:14:02Z'), depends: LIBC,
    files: `/usr/bin/zip 211832 755
/usr/bin/zipcloak 88448 755
/usr/bin/zipnote 80256 755
/usr/bin/zipsplit 76160 755` },
  { name: 'libacl', version: '2.3.2-r0', desc: 'Dynamic library for access control list support', url: 'https://savannah.nongnu.org/projects/acl', license: 'LGPL-2.1-or-later', origin: 'acl', built: at('2024-01-29T16:32:04Z'), depends: LIBC,
    files: '=/usr/lib/libacl.so.1.1.2302 34648' },
  { name: 'libattr', version: '2.5.2-r0', desc: 'utilities for managing filesystem extended attributes (libraries)', url: 'https://savannah.nongnu.org/projects/attr', license: 'LGPL-2.1-or-later', origin: 'attr', built: at('2024-01-29T16:25:45Z'), depends: LIBC,
    files: '=/usr/lib/libattr.so.1.1.2502 18280' },
  { name: 'skalibs', version: '2.14.1.1-r0', desc: 'Set of general-purpose C programming libraries for skarnet.org software.', url: 'https://skarnet.org/software/skalibs/', license: 'ISC', built: at('2024-03-14T12:20:49Z'), depends: LIBC,
    files: '=/usr/lib/libskarnet.so.2.14.1.1 150104 2.14' },
  { name: 'utmps-libs', version: '0.1.2.2-r1', desc: 'A secure utmp/wtmp implementation (libraries)', url: 'https://skarnet.org/software/utmps/', license: 'ISC', origin: 'utmps', built: at('2024-03-14T12:38:13Z'), depends: `${LIBC} so:libskarnet.so.2.14`,
    files: '=/usr/lib/libutmps.so.0.1.2.2 14152 0.1' },
  { name: 'coreutils-env', version: COREUTILS, desc: 'The basic file, shell and text manipulation utilities (env)', url: 'https://www.gnu.org/software/coreutils/', license: 'GPL-3.0-or-later', origin: 'coreutils', built: at('2024-05-19T08:51:05Z'), depends: LIBC,
    files: '/usr/bin/env 38664 755' },
  { name: 'coreutils-fmt', version: COREUTILS, desc: 'The basic file, shell and text manipulation utilities (fmt)', url: 'https://www.gnu.org/software/coreutils/', license: 'GPL-3.0-or-later', origin: 'coreutils', built: at('2024-05-19T08:51:05Z'), depends: LIBC,
    files: '/usr/bin/fmt 38488 755' },
  { name: 'coreutils-sha512sum', version: COREUTILS, desc: 'The basic file, shell and text manipulation utilities (sha512sum)', url: 'https://www.gnu.org/software/coreutils/', license: 'GPL-3.0-or-later', origin: 'coreutils', built: at('2024-05-19T08:51:05Z'), depends: `${LIBC} so:libcrypto.so.3`,
    files: '/usr/bin/sha512sum 42720 755' },
  {
    name: 'coreutils', version: COREUTILS, desc: 'The basic file, shell and text manipulation utilities', url: 'https://www.gnu.org/software/coreutils/', license: 'GPL-3.0-or-later', built: at('2024-05-19T08:51:05Z'),
    depends: `coreutils-env coreutils-fmt coreutils-sha512sum ${LIBC} so:libacl.so.1 so:libattr.so.1 so:libcrypto.so.3 so:libskarnet.so.2.14 so:libutmps.so.0.1`,
    build: async (tree, mtime) => {
      // Debian's coreutils programs (musl builds are a little smaller); the
      // ones Alpine keeps in /bin, chroot in /usr/sbin (Alpine configures
      // --enable-no-install-program=hostname,su,kill,uptime).
      const inBin = new Set('base64 cat chgrp chmod chown cp date dd df echo false ln ls mkdir mknod mktemp mv nice printenv pwd rm rmdir sleep stat stty sync touch true uname'.split(' '));
      for (const e of await deb('coreutils')) {
        if (e.type !== 'file' || !/^\/(bin|usr\/bin|usr\/sbin)\//.test(e.path)) continue;
        const name = e.path.slice(e.path.lastIndexOf('/') + 1);
        if (['env', 'fmt', 'sha512sum', 'dir', 'vdir', 'arch'].includes(name)) continue;
        const path = name === 'chroot' ? '/usr/sbin/chroot' : inBin.has(name) ? `/bin/${name}` : `/usr/bin/${name}`;
        tree.sizedFile(path, Math.round(e.size * 0.82), { mtime, mode: 0o755 });
      }
      for (const name of ['dir', 'vdir']) tree.sizedFile(`/usr/bin/${name}`, 128_872, { mtime, mode: 0o755 });
      tree.sizedFile('/usr/libexec/coreutils/libstdbuf.so', 14_080, { mtime, mode: 0o755 });
    },
  },
  { name: 'findutils', version: '4.9.0-r5', desc: 'GNU utilities for finding files', url: 'https://www.gnu.org/software/findutils/', license: 'GPL-3.0-or-later', built: at('2023-04-21T12:38:52Z'), depends: LIBC,
    files: `/usr/bin/find 200040 755
/usr/bin/xargs 59784 755` },
  { name: 'grep', version: '3.11-r0', desc: 'Searches input files for lines containing a match to a specified pattern', url: 'https://www.gnu.org/software/grep/grep.html', license: 'GPL-3.0-or-later', built: at('2023-05-14T10:09:33Z'), depends: `${LIBC} so:libpcre2-8.so.0`,
    files: '/bin/grep 166320 755',
    texts: [['/bin/egrep', '#!/bin/sh\nexec grep -E "$@"\n', 0o755], ['/bin/fgrep', '#!/bin/sh\nexec grep -F "$@"\n', 0o755]] },
  { name: 'sed', version: '4.9-r2', desc: 'GNU stream editor', url: 'https://www.gnu.org/software/sed/', license: 'GPL-3.0-or-later', built: at('2023-04-21T14:49:07Z'), depends: LIBC,
    files: '/bin/sed 112440 755' },
  { name: 'tar', version: '1.35-r2', desc: 'Utility used to store, backup, and transport files', url: 'https://www.gnu.org/software/tar/', license: 'GPL-3.0-or-later', built: at('2024-01-29T17:01:55Z'), depends: `${LIBC} so:libacl.so.1`,
    files: `/bin/tar 455712 755
/usr/libexec/rmt 51104 755` },
  // users
  { name: 'libmd', version: '1.1.0-r0', desc: 'Message Digest functions from BSD systems', url: 'https://www.hadrons.org/software/libmd/', license: 'BSD-2-Clause AND BSD-3-Clause AND ISC AND Beerware AND Public-Domain', built: at('2023-05-21T09:12:28Z'), depends: LIBC,
    files: '=/usr/lib/libmd.so.0.1.0 47472' },
  { name: 'libbsd', version: '0.12.2-r0', desc: 'commonly-used BSD functions not implemented by all libcs', url: 'https://libbsd.freedesktop.org/', license: 'BSD-3-Clause', built: at('2024-03-21T09:52:14Z'), depends: `${LIBC} so:libmd.so.0`,
    files: '=/usr/lib/libbsd.so.0.12.2 85600' },
  {
    name: 'linux-pam', version: '1.6.0-r0', desc: 'Linux PAM (Pluggable Authentication Modules for Linux)', url: 'https://www.kernel.org/pub/linux/libs/pam', license: 'BSD-3-Clause', built: at('2024-02-05T13:14:27Z'),
    depends: `${LIBC} so:libutmps.so.0.1`,
    files: `/etc/environment 0
/etc/pam.d/base-account 99
/etc/pam.d/base-auth 172
/etc/pam.d/base-password 55
/etc/pam.d/base-session 117
/etc/pam.d/base-session-noninteractive 117
/etc/pam.d/other 67
/etc/security/access.conf 4564
/etc/security/faillock.conf 2234
/etc/security/group.conf 3635
/etc/security/limits.conf 2161
/etc/security/limits.d/
/etc/security/namespace.conf 1440
/etc/security/namespace.d/
/etc/security/namespace.init 1016 755
/etc/security/pam_env.conf 2972
/etc/security/pwhistory.conf 1207
/etc/security/time.conf 2179
=/lib/libpam.so.0.85.1 58816
=/lib/libpam_misc.so.0.82.1 14160
=/lib/libpamc.so.0.82.1 14176
/sbin/faillock 18080 755
/sbin/mkhomedir_helper 22144 755
/sbin/pam_namespace_helper 471 755
/sbin/pam_timestamp_check 14064 755
/sbin/pwhistory_helper 18112 755
/sbin/unix_chkpwd 34568 4755`,
    texts: [
      ['/etc/pam.d/base-account', 'account\trequired\tpam_unix.so\n'],
      ['/etc/pam.d/base-auth', 'auth\trequired\tpam_env.so\nauth\trequired\tpam_unix.so\tnullok_secure\n'],
      ['/etc/pam.d/base-password', 'password\trequired\tpam_unix.so\tnullok sha512 shadow\n'],
      ['/etc/pam.d/base-session', 'session\trequired\tpam_limits.so\nsession\trequired\tpam_env.so\nsession\trequired\tpam_unix.so\n'],
      ['/etc/pam.d/base-session-noninteractive', 'session\trequired\tpam_limits.so\nsession\trequired\tpam_env.so\nsession\trequired\tpam_unix.so\n'],
      ['/etc/pam.d/other', 'auth\trequired\tpam_deny.so\naccount\trequired\tpam_deny.so\npassword\trequired\tpam_deny.so\nsession\trequired\tpam_deny.so\n'],
    ],
    build: async (tree, mtime) => {
      for (const e of await deb('libpam-modules')) {
        if (e.type !== 'file' || !e.path.startsWith('/lib/x86_64-linux-gnu/security/pam_')) continue;
        const name = e.path.slice(e.path.lastIndexOf('/') + 1);
        if (/pam_(selinux|sepermit|userdb|tty_audit|lastlog)\.so$/.test(name)) continue;
        tree.sizedFile(`/lib/security/${name}`, Math.round(e.size * 0.9), { mtime, mode: 0o755 });
      }
    },
  },
  {
    name: 'shadow', version: '4.15.1-r0', desc: 'PAM-using login and passwd utilities (usermod, useradd, ...)', url: 'https://github.com/shadow-maint/shadow', license: 'BSD-3-Clause', built: at('2024-04-14T21:45:37Z'),
    depends: `linux-pam ${LIBC} so:libbsd.so.0 so:libpam.so.0 so:libpam_misc.so.0`,
    files: `/etc/default/useradd 114
/etc/login.defs 12579
/etc/pam.d/chage 98
/etc/pam.d/chfn 98
/etc/pam.d/chgpasswd 98
/etc/pam.d/chpasswd 98
/etc/pam.d/chsh 98
/etc/pam.d/groupadd 98
/etc/pam.d/groupdel 98
/etc/pam.d/groupmems 98
/etc/pam.d/groupmod 98
/etc/pam.d/newusers 98
/etc/pam.d/passwd 98
/etc/pam.d/shadow 98
/etc/pam.d/useradd 98
/etc/pam.d/userdel 98
/etc/pam.d/usermod 98
/usr/bin/chage 72232 4755
/usr/bin/chfn 54752 4755
/usr/bin/chsh 46560 4755
/usr/bin/expiry 26016 4755
/usr/bin/gpasswd 79744 4755
/usr/bin/newgrp 42408 4755
/usr/bin/passwd 63448 4755
/usr/sbin/chgpasswd 59320 755
/usr/sbin/chpasswd 55224 755
/usr/sbin/groupadd 92608 755
/usr/sbin/groupdel 80320 755
/usr/sbin/groupmems 59392 755
/usr/sbin/groupmod 92608 755
/usr/sbin/grpck 59320 755
/usr/sbin/grpconv 51128 755
/usr/sbin/grpunconv 51128 755
/usr/sbin/newusers 96704 755
/usr/sbin/pwck 51128 755
/usr/sbin/pwconv 47032 755
/usr/sbin/pwunconv 47032 755
/usr/sbin/useradd 150936 755
/usr/sbin/userdel 104896 755
/usr/sbin/usermod 137432 755
/usr/sbin/vigr => /usr/sbin/vipw
/usr/sbin/vipw 67512 755`,
    texts: [['/etc/default/useradd', '# useradd defaults file\nGROUP=100\nHOME=/home\nINACTIVE=-1\nEXPIRE=\nSHELL=/bin/sh\nSKEL=/etc/skel\nCREATE_MAIL_SPOOL=no\n']],
    build: (tree, mtime) => {
      for (const name of ['chage', 'chfn', 'chgpasswd', 'chpasswd', 'chsh', 'groupadd', 'groupdel', 'groupmems', 'groupmod', 'newusers', 'passwd', 'shadow', 'useradd', 'userdel', 'usermod']) {
        tree.file(`/etc/pam.d/${name}`, 'account\t\tinclude\t\t\tbase-account\nauth\t\tinclude\t\t\tbase-auth\npassword\tinclude\t\t\tbase-password\n', { mtime });
      }
    },
  },
  {
    name: 'sudo', version: '1.9.15_p5-r0', desc: 'Give certain users the ability to run some commands as root', url: 'https://www.sudo.ws/sudo/', license: 'ISC', built: at('2024-01-30T09:55:12Z'),
    depends: `${LIBC} so:libz.so.1`,
    files: `/etc/sudo.conf 4522
/etc/sudo_logsrvd.conf 10271
/etc/sudoers.d/ 750
/run/sudo/ 711
/usr/bin/cvtsudoers 350200 755
/usr/bin/sudo 224392 4755
/usr/bin/sudoedit -> sudo
/usr/bin/sudoreplay 79720 755
/usr/libexec/sudo/audit_json.so 30840 755
/usr/libexec/sudo/group_file.so 18408 755
/usr/libexec/sudo/libsudo_util.so.0 -> libsudo_util.so.0.0.0
/usr/libexec/sudo/libsudo_util.so.0.0.0 116912 755
/usr/libexec/sudo/sudo_intercept.so 63544 755
/usr/libexec/sudo/sudo_noexec.so 14216 755
/usr/libexec/sudo/sudoers.so 710560 755
/usr/libexec/sudo/system_group.so 14160 755
/usr/sbin/sudo_logsrvd 153120 755
/usr/sbin/sudo_sendlog 96752 755
/usr/sbin/visudo 309752 755
/var/db/sudo/ 711
/var/db/sudo/lectured/ 700`,
    texts: [['/etc/sudoers', SUDOERS, 0o440]],
  },
  { name: 'su-exec', version: '0.2-r3', desc: 'switch user and group id, setgroups and exec', url: 'https://github.com/ncopa/su-exec', license: 'MIT', built: at('2023-04-21T14:52:32Z'), depends: LIBC,
    files: '/sbin/su-exec 10208 755' },
  { name: 'tini', version: '0.19.0-r3', repo: 'community', desc: 'A tiny but valid init for containers', url: 'https://github.com/krallin/tini', license: 'MIT', built: at('2024-04-15T02:13:51Z'), depends: LIBC,
    files: '/sbin/tini 22224 755' },
  // ssh
  { name: 'libedit', version: '20240517.3.1-r0', desc: 'BSD line editing library', url: 'https://www.thrysoee.dk/editline', license: 'BSD-3-Clause', built: at('2024-05-18T09:21:17Z'), depends: `${LIBC} so:libncursesw.so.6`,
    files: '=/usr/lib/libedit.so.0.0.73 198264' },
  { name: 'openssh-keygen', version: OPENSSH, desc: 'ssh helper program for generating keys', url: 'https://www.openssh.com/portable.html', license: 'SSH-OpenSSH', origin: 'openssh', built: at('2024-07-01T13:46:25Z'), depends: `${LIBC} so:libcrypto.so.3`,
    files: '/usr/bin/ssh-keygen 468632 755' },
  {
    name: 'openssh-client-common', version: OPENSSH, desc: 'OpenBSD\'s SSH client common files', url: 'https://www.openssh.com/portable.html', license: 'SSH-OpenSSH', origin: 'openssh', built: at('2024-07-01T13:46:25Z'),
    depends: `openssh-keygen=${OPENSSH} ${LIBC} so:libcrypto.so.3 so:libedit.so.0 so:libz.so.1`,
    files: `/etc/ssh/ssh_config 1531
/etc/ssh/ssh_config.d/
/usr/bin/findssl.sh 2564 755
/usr/bin/ssh-add 362256 755
/usr/bin/ssh-agent 333392 755
/usr/bin/ssh-copy-id 12748 755
/usr/bin/ssh-keyscan 431600 755
/usr/lib/ssh/ssh-pkcs11-helper 321160 755
/usr/lib/ssh/ssh-sk-helper 300616 755`,
  },
  {
    name: 'openssh-client-default', version: OPENSSH, desc: 'OpenBSD\'s SSH client', url: 'https://www.openssh.com/portable.html', license: 'SSH-OpenSSH', origin: 'openssh', built: at('2024-07-01T13:46:25Z'),
    depends: `openssh-client-common=${OPENSSH} ${LIBC} so:libcrypto.so.3 so:libedit.so.0 so:libz.so.1`, provides: `openssh-client=${OPENSSH}`,
    files: `/usr/bin/scp 137208 755
/usr/bin/sftp 154448 755
/usr/bin/ssh 796064 755`,
  },
  // bind-tools
  { name: 'fstrm', version: '0.6.1-r4', desc: 'Frame Streams implementation in C', url: 'https://github.com/farsightsec/fstrm', license: 'MIT', built: at('2023-04-21T12:41:00Z'), depends: LIBC,
    files: '=/usr/lib/libfstrm.so.0.1.0 38824' },
  { name: 'krb5-conf', version: '1.0-r2', noarch: true, desc: 'Shared krb5.conf for both MIT krb5 and heimdal', url: 'https://web.mit.edu/kerberos/www/', license: 'MIT', built: at('2022-10-17T15:00:43Z'),
    texts: [['/etc/krb5.conf', '[libdefaults]\n\tdefault_realm = ATHENA.MIT.EDU\n\tdns_lookup_realm = false\n\tdns_lookup_kdc = true\n']] },
  { name: 'libcom_err', version: '1.47.0-r5', desc: 'Common error description library', url: 'https://e2fsprogs.sourceforge.net', license: 'GPL-2.0-or-later AND LGPL-2.0-or-later AND BSD-3-Clause AND MIT', origin: 'e2fsprogs', built: at('2023-11-28T12:14:31Z'), depends: LIBC,
    files: '=/lib/libcom_err.so.2.1 14152' },
  { name: 'keyutils-libs', version: '1.6.3-r3', desc: 'Key utilities library', url: 'https://people.redhat.com/~dhowells/keyutils/', license: 'GPL-2.0-or-later LGPL-2.0-or-later', origin: 'keyutils', built: at('2023-04-21T13:12:44Z'), depends: LIBC,
    files: '=/lib/libkeyutils.so.1.10 14168' },
  { name: 'libverto', version: '0.3.2-r2', desc: 'Main event loop abstraction library', url: 'https://github.com/latchset/libverto', license: 'MIT', built: at('2023-04-21T13:57:51Z'), depends: LIBC,
    files: '=/usr/lib/libverto.so.1.0.0 14232' },
  {
    name: 'krb5-libs', version: '1.21.3-r0', desc: 'The shared libraries used by Kerberos 5', url: 'https://web.mit.edu/kerberos/www/', license: 'MIT', origin: 'krb5', built: at('2024-07-03T10:31:55Z'),
    depends: `krb5-conf ${LIBC} so:libcom_err.so.2 so:libcrypto.so.3 so:libkeyutils.so.1 so:libssl.so.3 so:libverto.so.1`,
    files: `=/usr/lib/libgssapi_krb5.so.2.2 324232
=/usr/lib/libgssrpc.so.4.2 100520
=/usr/lib/libk5crypto.so.3.1 149760
=/usr/lib/libkadm5clnt_mit.so.12.0 116904
=/usr/lib/libkadm5srv_mit.so.12.0 141544
=/usr/lib/libkdb5.so.10.0 92456
=/usr/lib/libkrad.so.0.0 34720
=/usr/lib/libkrb5.so.3.3 858072
=/usr/lib/libkrb5support.so.0.1 51488
/usr/lib/krb5/plugins/kdb/
/usr/lib/krb5/plugins/preauth/
/usr/lib/krb5/plugins/tls/k5tls.so 34840 755`,
  },
  { name: 'json-c', version: '0.17-r0', desc: 'A JSON implementation in C', url: 'https://github.com/json-c/json-c/wiki', license: 'MIT', built: at('2023-08-13T11:57:02Z'), depends: LIBC,
    files: '=/usr/lib/libjson-c.so.5.3.0 67728' },
  { name: 'protobuf-c', version: '1.5.0-r0', desc: 'Protocol Buffers implementation in C', url: 'https://github.com/protobuf-c/protobuf-c', license: 'BSD-2-Clause', built: at('2024-04-14T22:14:09Z'), depends: LIBC,
    files: '=/usr/lib/libprotobuf-c.so.1.0.0 38944' },
  { name: 'libuv', version: '1.48.0-r0', desc: 'Cross-platform asychronous I/O', url: 'https://libuv.org/', license: 'MIT AND ISC', built: at('2024-02-08T09:11:36Z'), depends: LIBC,
    files: '=/usr/lib/libuv.so.1.0.0 170296' },
  { name: 'libxml2', version: '2.12.7-r0', desc: 'XML parsing library, version 2', url: 'https://gitlab.gnome.org/GNOME/libxml2', license: 'MIT', built: at('2024-05-14T07:35:27Z'), depends: `${LIBC} so:liblzma.so.5 so:libz.so.1`,
    files: '=/usr/lib/libxml2.so.2.12.7 1287512' },
  {
    name: 'bind-libs', version: BIND, desc: 'The ISC DNS server (libraries)', url: 'https://www.isc.org/', license: 'MPL-2.0', origin: 'bind', built: at('2024-07-24T15:03:19Z'),
    depends: `${LIBC} so:libcrypto.so.3 so:libfstrm.so.0 so:libgssapi_krb5.so.2 so:libjson-c.so.5 so:libkrb5.so.3 so:libnghttp2.so.14 so:libprotobuf-c.so.1 so:libssl.so.3 so:libuv.so.1 so:libxml2.so.2 so:libz.so.1`,
    files: `/usr/lib/libbind9-${BIND.split('-')[0]}.so 91864 755
/usr/lib/libdns-${BIND.split('-')[0]}.so 2476544 755
/usr/lib/libirs-${BIND.split('-')[0]}.so 30872 755
/usr/lib/libisc-${BIND.split('-')[0]}.so 542416 755
/usr/lib/libisccc-${BIND.split('-')[0]}.so 30872 755
/usr/lib/libisccfg-${BIND.split('-')[0]}.so 260288 755
/usr/lib/libns-${BIND.split('-')[0]}.so 354464 755`,
  },
  {
    name: 'bind-tools', version: BIND, desc: 'The ISC DNS tools', url: 'https://www.isc.org/', license: 'MPL-2.0', origin: 'bind', built: at('2024-07-24T15:03:19Z'),
    depends: `so:libbind9-9.18.27.so ${LIBC} so:libcrypto.so.3 so:libdns-9.18.27.so so:libgssapi_krb5.so.2 so:libirs-9.18.27.so so:libisc-9.18.27.so so:libisccfg-9.18.27.so so:libkrb5.so.3 so:libns-9.18.27.so so:libuv.so.1`,
    files: `/usr/bin/delv 51424 755
/usr/bin/dig 157584 755
/usr/bin/host 67688 755
/usr/bin/mdig 55512 755
/usr/bin/nslookup 75960 755
/usr/bin/nsupdate 92400 755`,
  },
];

// ------------------------------------------------------------------ trees of some packages

interface Cert {
  path: string;
  size: number;
  hash: string;
  endsWithNewline: boolean;
}

let certCache: Cert[] | undefined;

/** Mozilla's certificates (Debian's ca-certificates) and their OpenSSL subject hashes. */
async function caCertificates(): Promise<Cert[]> {
  if (certCache) return certCache;
  const certs: Cert[] = [];
  for (const e of await deb('ca-certificates')) {
    if (e.type !== 'file' || !e.path.startsWith('/usr/share/ca-certificates/mozilla/') || !e.path.endsWith('.crt') || !e.data) continue;
    const hash = execFileSync('openssl', ['x509', '-noout', '-subject_hash'], { input: e.data }).toString().trim();
    certs.push({ path: e.path, size: e.size, hash, endsWithNewline: e.data[e.data.length - 1] === 0x0a });
  }
  certCache = certs.sort((a, b) => (a.path < b.path ? -1 : 1));
  return certCache;
}

/** npm as Alpine's APKBUILD packages the registry tarball (prepare() prunes it, package() moves the licence and man pages out). */
async function npmTree(tree: Tree, mtime: number): Promise<void> {
  const dir = join(CACHE_DIR, 'npm');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `npm-${NPM_VERSION}.tgz`);
  if (!existsSync(file)) execFileSync('npm', ['pack', `npm@${NPM_VERSION}`], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const dest = '/usr/lib/node_modules/npm';
  const pruned = (path: string): boolean => {
    if (/^bin\/(npm|npx)$/.test(path) || /^bin\/.*\.(cmd|ps1)$/.test(path) || path === 'README.md' || path === 'docs' || path.startsWith('docs/') || path === 'man' || path.startsWith('man/')) return true;
    if (!path.startsWith('node_modules/')) return false;
    const base = path.slice(path.lastIndexOf('/') + 1);
    if (/^\./.test(base) || /\.(cmd|bat|map|md)$/.test(base) || (base.endsWith('.ts') && !base.endsWith('.d.ts'))) return true;
    if (/^(AUTHORS.*|LICENSE.*|license|Makefile|README.*|readme\.markdown)$/.test(base)) return true;
    return /^node_modules\/(@[^/]+\/)?[^/]+\/(\.git[^/]*|doc|docs|examples|scripts|test)(\/|$)/.test(path);
  };
  for (const { header, data } of await unpackTar(gunzipSync(new Uint8Array(readFileSync(file))))) {
    const path = header.name.replace(/^package\//, '').replace(/\/+$/, '');
    if (!path || pruned(path) || header.type === 'directory') continue;
    if (path === 'LICENSE') {
      tree.sizedFile('/usr/share/licenses/npm/LICENSE', data?.length ?? 0, { mtime });
      continue;
    }
    const executable = /(^|\/)node-gyp[^/]*$/.test(path) && ((header.mode ?? 0) & 0o111) !== 0;
    const binCli = /^bin\/(npm|npx)-cli\.js$/.test(path);
    tree.sizedFile(`${dest}/${path}`, data?.length ?? 0, { mtime, mode: executable || binCli ? 0o755 : 0o644 });
  }
}

// ------------------------------------------------------------------ building a package

/** Parses the compact file list of a Pkg into the tree. */
function addFiles(tree: Tree, spec: string, mtime: number): void {
  for (const raw of spec.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    if (line.includes(' -> ')) {
      const [path, target] = line.split(' -> ') as [string, string];
      tree.symlink(path, target, mtime);
    } else if (line.includes(' => ')) {
      const [path, target] = line.split(' => ') as [string, string];
      tree.set(path, { kind: 'h', target, mode: 0o755, uid: 0, gid: 0, mtime });
    } else if (line.startsWith('=')) {
      // A library and its soname link: =/usr/lib/libz.so.1.3.1 100384 [soname version]
      const [path, size, sonameVersion] = line.slice(1).split(/\s+/) as [string, string, string?];
      const slash = path.lastIndexOf('/');
      const base = path.slice(slash + 1);
      const at = base.indexOf('.so.');
      const full = base.slice(at + 4);
      const soname = `${base.slice(0, at)}.so.${sonameVersion ?? full.split('.')[0]}`;
      tree.sizedFile(path, Number(size), { mtime, mode: 0o755 });
      if (soname !== base) tree.symlink(`${path.slice(0, slash)}/${soname}`, base, mtime);
    } else {
      const [path, a, b, c, d] = line.split(/\s+/) as [string, string?, string?, string?, string?];
      if (path.endsWith('/')) {
        tree.dir(path.slice(0, -1), { mtime, mode: a ? parseInt(a, 8) : 0o755, uid: b ? Number(b) : 0, gid: c ? Number(c) : 0 });
      } else {
        tree.sizedFile(path, Number(a), { mtime, mode: b ? parseInt(b, 8) : 0o644, uid: c ? Number(c) : 0, gid: d ? Number(d) : 0 });
      }
    }
  }
}

/** The p: names abuild generates: so: for each versioned library in /lib, /usr/lib; cmd: for each file in a bin directory. */
function autoProvides(tree: Tree, version: string): string[] {
  const so: string[] = [];
  const cmd: string[] = [];
  for (const [path, node] of tree.nodes) {
    const slash = path.lastIndexOf('/');
    const dir = path.slice(0, slash);
    const base = path.slice(slash + 1);
    if (dir === '/lib' || dir === '/usr/lib') {
      const versioned = /^(.+\.so)\.([0-9][0-9.]*)$/.exec(base);
      if (node.kind === 'l' && versioned) {
        const target = node.target.slice(node.target.lastIndexOf('/') + 1);
        if (target.startsWith(`${base}.`)) so.push(`so:${base}=${target.slice(versioned[1]!.length + 1)}`);
        else if (target.startsWith(`${versioned[1]}.`)) so.push(`so:${base}=${target.slice(versioned[1]!.length + 1)}`);
      } else if (node.kind === 'f' && versioned) {
        const linked = [...tree.nodes.entries()].some(([p, n]) => n.kind === 'l' && p.startsWith(`${dir}/`) && n.target === base);
        if (!linked) so.push(`so:${base}=${versioned[2]}`);
      } else if (node.kind === 'f' && /^lib.*-[0-9.]+\.so$/.test(base)) so.push(`so:${base}=0`);
      else if (node.kind === 'f' && base === 'libpython3.so') so.push(`so:${base}=0`);
    }
    if (/^\/(bin|sbin|usr\/bin|usr\/sbin)$/.test(dir) && node.kind !== 'd') cmd.push(`cmd:${base}=${version}`);
  }
  return [...so.sort(), ...cmd.sort()];
}

/** Names without their version constraint (`busybox=1.36.1-r29` → busybox, `python3~3.12` → python3). */
function bareNames(field: string | undefined): string[] {
  return (field ?? '').split(/\s+/).filter((n) => n && !n.startsWith('!')).map((n) => n.split(/[=<>~]/)[0]!);
}

/** Bytes of the .apk: the gzipped tar of the files (estimated per kind of file), its headers, the control segment and signature. */
function apkSize(tree: Tree): number {
  let size = 1_150;
  for (const [path, node] of tree.nodes) {
    size += 90;
    if (node.kind !== 'f') continue;
    const ratio = /\.(gz|xz|bz2|png|whl|zip|tgz)$/.test(path) ? 1
      : path.endsWith('.pyc') ? 0.46
      : path.endsWith('magic.mgc') ? 0.17
      : path.includes('/zoneinfo/') ? 0.42
      : path.endsWith('.dat') ? 0.38
      : path.endsWith('.a') || path.endsWith('.o') ? 0.3
      : node.mode & 0o111 || /\.so(\.|$)/.test(path) ? 0.41
      : 0.31;
    size += Math.round(node.size * ratio);
  }
  return size;
}

interface Built {
  info: PackageInfo & { installIf?: string[]; scripts?: string[] };
  contents: PackageContents;
}

function record(fields: { name: string; version: string; arch: string; size: number; installed: number; desc: string; url: string; license: string; origin: string; maintainer: string; built: number; depends?: string; provides?: string; installIf?: string; replaces?: string }): string {
  const lines = [
    `C:${q1(`${fields.name}-${fields.version}`)}`,
    `P:${fields.name}`,
    `V:${fields.version}`,
    `A:${fields.arch}`,
    `S:${fields.size}`,
    `I:${fields.installed}`,
    `T:${fields.desc}`,
    `U:${fields.url}`,
    `L:${fields.license}`,
    `o:${fields.origin}`,
    `m:${fields.maintainer}`,
    `t:${fields.built}`,
    `c:${apkCommit(fields.origin, fields.version)}`,
  ];
  if (fields.depends) lines.push(`D:${fields.depends}`);
  if (fields.provides) lines.push(`p:${fields.provides}`);
  if (fields.installIf) lines.push(`i:${fields.installIf}`);
  if (fields.replaces) lines.push(`r:${fields.replaces}`);
  return `${lines.join('\n')}\n`;
}

const keepText = (_path: string, size: number): boolean => size <= 64 * 1024;

async function buildPackage(pkg: Pkg, byName: Map<string, Pkg>): Promise<Built> {
  const tree = new Tree();
  const mtime = pkg.built;
  if (pkg.files) addFiles(tree, pkg.files, mtime);
  await pkg.build?.(tree, mtime);
  for (const [path, text, mode] of pkg.texts ?? []) tree.file(path, text, { mtime, mode: mode ?? 0o644 });
  trees.set(pkg.name, tree);
  const parent = pkg.name.endsWith('-pyc') ? byName.get(pkg.name.slice(0, -'-pyc'.length)) : undefined;
  const url = pkg.url || parent?.url || '';
  const license = pkg.license || parent?.license || '';
  const fileBytes = [...tree.nodes.values()].reduce((sum, n) => sum + (n.kind === 'f' ? n.size : 0), 0);
  const installed = Math.ceil(fileBytes / 4096) * 4096;
  const size = apkSize(tree);
  const provides = [...(pkg.provides ? pkg.provides.split(' ') : []), ...autoProvides(tree, pkg.version)];
  const origin = pkg.origin ?? pkg.name;
  const arch = pkg.noarch ? 'noarch' : 'x86_64';
  const contentsName = `${pkg.name}-${pkg.version}`;
  const text = record({ name: pkg.name, version: pkg.version, arch, size, installed, desc: pkg.desc, url, license, origin, maintainer: pkg.maintainer ?? NCOPA, built: pkg.built, depends: pkg.depends, provides: provides.join(' '), installIf: pkg.installIf, replaces: pkg.replaces });
  const contents: PackageContents = { version: PACKAGES_VERSION, key: `apk-v3.20-${contentsName}`, entries: tree.entries(keepText), record: text };
  // Only what configuring creates or rewrites: the directories it writes into are there already.
  if (pkg.configured) contents.configured = (await pkg.configured()).entries(keepText).filter(([kind]) => kind !== 'd');
  if (pkg.messages) contents.messages = pkg.messages;
  const info: Built['info'] = {
    version: pkg.version, architecture: arch, summary: pkg.desc, origin: pkg.repo ?? 'main', size, installedSize: installed,
    depends: bareNames(pkg.depends).map((n) => [n]),
    contents: contentsName,
  };
  const names = provides.map((p) => p.split('=')[0]!);
  if (names.length > 0) info.provides = names;
  if (pkg.triggers) info.triggers = pkg.triggers;
  if (pkg.installIf) info.installIf = bareNames(pkg.installIf);
  if (pkg.scripts) info.scripts = pkg.scripts;
  return { info, contents };
}

/** The install scripts of the minirootfs's packages. */
const BASE_SCRIPTS: Record<string, string[]> = {
  'alpine-baselayout': ['pre-install', 'post-install', 'pre-upgrade', 'post-upgrade'],
  busybox: ['post-install', 'post-upgrade'],
};

/** The minirootfs's packages: their records from the image's apk database, their files from the image's tree. */
async function basePackages(): Promise<Map<string, Built>> {
  const rootfs = await alpineMinirootfs();
  const stanzas = new Map<string, string[]>();
  for (const stanza of installedDb().split('\n\n')) {
    const lines = stanza.split('\n').filter((l) => l && !/^[FRaZ]:/.test(l));
    const name = lines.find((l) => l.startsWith('P:'))?.slice(2);
    if (name) stanzas.set(name, lines);
  }
  const built = new Map<string, Built>();
  for (const pkg of MINIROOTFS_PACKAGES) {
    const lines = stanzas.get(pkg.name)!;
    const field = (key: string) => lines.find((l) => l.startsWith(`${key}:`))?.slice(2);
    const tree = new Tree();
    const copy = (path: string) => {
      for (let p = path; p !== '/' && p !== ''; p = p.slice(0, p.lastIndexOf('/')) || '/') {
        const node = rootfs.get(p);
        if (!node) throw new Error(`${pkg.name}: ${p} is not in the minirootfs`);
        if (!tree.has(p)) tree.nodes.set(p, node);
      }
    };
    for (const dir of pkg.dirs ?? []) copy(dir === '/var/lock/subsys' ? '/var/lock' : dir);
    for (const [path] of pkg.files) copy(path);
    for (const path of pkg.listed ?? []) copy(path);
    for (const [path] of pkg.links ?? []) copy(path);
    const contentsName = `${pkg.name}-${pkg.version}`;
    const contents: PackageContents = { version: PACKAGES_VERSION, key: `apk-v3.20-${contentsName}`, entries: tree.entries(alpineTextPolicy), record: `${lines.join('\n')}\n` };
    if (pkg.name === 'busybox') {
      // The trigger's `busybox --install -s`: one symlink per applet.
      const links = new Tree();
      for (const [dir, names] of Object.entries(APPLETS)) for (const name of names) links.symlink(`${dir}/${name}`, '/bin/busybox', ALPINE_EPOCH);
      contents.configured = links.entries(() => false).filter(([kind]) => kind === 'l');
    }
    const info: Built['info'] = {
      version: pkg.version, architecture: field('A')!, summary: pkg.description, origin: 'main', size: Number(field('S')), installedSize: Number(field('I')),
      depends: bareNames(pkg.depends).map((n) => [n]),
      contents: contentsName,
    };
    if (pkg.provides) info.provides = bareNames(pkg.provides);
    if (pkg.name === 'busybox') info.triggers = ['/bin', '/usr/bin', '/sbin', '/usr/sbin', '/lib/modules/*'];
    if (pkg.installIf) info.installIf = bareNames(pkg.installIf);
    const scripts = BASE_SCRIPTS[pkg.name];
    if (scripts) info.scripts = scripts;
    built.set(pkg.name, { info, contents });
  }
  return built;
}

// ------------------------------------------------------------------ the mirror

export async function writeApkMirror(out = OUT): Promise<{ packages: number; bytes: number }> {
  const built = await basePackages();
  const byName = new Map(PKGS.map((p) => [p.name, p]));
  for (const pkg of PKGS) {
    if (built.has(pkg.name)) throw new Error(`${pkg.name} is defined twice`);
    built.set(pkg.name, await buildPackage(pkg, byName));
  }
  const indexFiles: IndexFile[] = REPOSITORIES.map(({ repo, count, size }) => {
    const url = `${REPO}/${repo}`;
    const hex = bytesToHex(sha1(new TextEncoder().encode(url))).slice(0, 8);
    return { name: `${url}/x86_64/APKINDEX.tar.gz`, size, path: `/var/cache/apk/APKINDEX.${hex}.tar.gz`, storedSize: size, description: `${SNAPSHOT} [${url}]`, count };
  });
  const names = [...built.keys()].sort();
  const index: MirrorIndex = { version: PACKAGES_VERSION, format: 'apk', indexFiles, packages: Object.fromEntries(names.map((n) => [n, built.get(n)!.info])) };
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  let bytes = 0;
  const write = (file: string, value: unknown) => {
    const text = JSON.stringify(value);
    bytes += Buffer.byteLength(text);
    writeFileSync(join(out, file), text);
  };
  write('index.json', index);
  for (const name of names) {
    const { info, contents } = built.get(name)!;
    write(`${info.contents}.json`, contents);
  }
  return { packages: names.length, bytes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { packages, bytes } = await writeApkMirror();
  console.log(`${MIRROR}: ${packages} packages, ${(bytes / 1e6).toFixed(1)} MB`);
}
