/**
 * nginx:1.27 (docker-library/nginx, "mainline/debian"): debian:bookworm-slim
 * plus one RUN layer (the nginx user, nginx.org's packages nginx,
 * nginx-module-{xslt,geoip,image-filter,njs}, gettext-base and curl) and one
 * COPY layer per entrypoint script.
 *
 * nginx.org's repository is not reachable, so the RUN layer holds Debian's
 * packages for the dependencies (the same ones apt pulls in for nginx.org's
 * packages: libgd3 with its image codecs, libxslt1.1, libgeoip1, curl,
 * ca-certificates…) and nginx.org's own files laid out as its packages lay
 * them out (/usr/sbin/nginx, nginx-debug, /usr/lib/nginx/modules, /etc/nginx
 * with the configuration the image ships), with sizes of nginx.org's builds.
 */
import { readDeb, resolveDependencies, type Deb } from './debs';
import { statusStanza, unpack } from './debian';
import { isDpkgDatabase } from './layers';
import { Tree } from './tree';

export const NGINX_VERSION = '1.27.5';
export const NJS_VERSION = '0.8.10';
export const NGINX_PKG_RELEASE = '1~bookworm';

/** The Debian packages apt installs for nginx.org's packages, gettext-base and curl (their dependency closure). */
const DEPENDENCY_ROOTS = ['ca-certificates', 'curl', 'gettext-base', 'libxslt1.1', 'libgd3', 'libgeoip1', 'libssl3', 'libpcre2-8-0', 'libcrypt1', 'zlib1g'];

export const NGINX_CONF = `
user  nginx;
worker_processes  auto;

error_log  /var/log/nginx/error.log notice;
pid        /run/nginx.pid;


events {
    worker_connections  1024;
}


http {
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;

    log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                      '$status $body_bytes_sent "$http_referer" '
                      '"$http_user_agent" "$http_x_forwarded_for"';

    access_log  /var/log/nginx/access.log  main;

    sendfile        on;
    #tcp_nopush     on;

    keepalive_timeout  65;

    #gzip  on;

    include /etc/nginx/conf.d/*.conf;
}
`;

export const DEFAULT_CONF = `server {
    listen       80;
    server_name  localhost;

    #access_log  /var/log/nginx/host.access.log  main;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    #error_page  404              /404.html;

    # redirect server error pages to the static page /50x.html
    #
    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }

    # proxy the PHP scripts to Apache listening on 127.0.0.1:80
    #
    #location ~ \\.php$ {
    #    proxy_pass   http://127.0.0.1;
    #}

    # pass the PHP scripts to FastCGI server listening on 127.0.0.1:9000
    #
    #location ~ \\.php$ {
    #    root           html;
    #    fastcgi_pass   127.0.0.1:9000;
    #    fastcgi_index  index.php;
    #    fastcgi_param  SCRIPT_FILENAME  /scripts$fastcgi_script_name;
    #    include        fastcgi_params;
    #}

    # deny access to .htaccess files, if Apache's document root
    # concurs with nginx's one
    #
    #location ~ /\\.ht {
    #    deny  all;
    #}
}

`;

export const INDEX_HTML = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

/** nginx's 50x.html, as every nginx package ships it. */
export const ERROR_HTML = `<!DOCTYPE html>
<html>
<head>
<title>Error</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>An error occurred.</h1>
<p>Sorry, the page you are looking for is currently unavailable.<br/>
Please try again later.</p>
<p>If you are the system administrator of this resource then you should check
the error log for details.</p>
<p><em>Faithfully yours, nginx.</em></p>
</body>
</html>
`;

export const ENTRYPOINT_SCRIPTS: Record<string, string> = {
  'docker-entrypoint.sh': `#!/bin/sh
# vim:sw=4:ts=4:et

set -e

entrypoint_log() {
    if [ -z "\${NGINX_ENTRYPOINT_QUIET_LOGS:-}" ]; then
        echo "$@"
    fi
}

if [ "$1" = "nginx" ] || [ "$1" = "nginx-debug" ]; then
    if /usr/bin/find "/docker-entrypoint.d/" -mindepth 1 -maxdepth 1 -type f -print -quit 2>/dev/null | read v; then
        entrypoint_log "$0: /docker-entrypoint.d/ is not empty, will attempt to perform configuration"

        entrypoint_log "$0: Looking for shell scripts in /docker-entrypoint.d/"
        find "/docker-entrypoint.d/" -follow -type f -print | sort -V | while read -r f; do
            case "$f" in
                *.envsh)
                    if [ -x "$f" ]; then
                        entrypoint_log "$0: Sourcing $f";
                        . "$f"
                    else
                        # warn on shell scripts without exec bit
                        entrypoint_log "$0: Ignoring $f, not executable";
                    fi
                    ;;
                *.sh)
                    if [ -x "$f" ]; then
                        entrypoint_log "$0: Launching $f";
                        "$f"
                    else
                        # warn on shell scripts without exec bit
                        entrypoint_log "$0: Ignoring $f, not executable";
                    fi
                    ;;
                *) entrypoint_log "$0: Ignoring $f";;
            esac
        done

        entrypoint_log "$0: Configuration complete; ready for start up"
    else
        entrypoint_log "$0: No files found in /docker-entrypoint.d/, skipping configuration"
    fi
fi

exec "$@"
`,
  '10-listen-on-ipv6-by-default.sh': `#!/bin/sh
# vim:sw=4:ts=4:et

set -e

entrypoint_log() {
    if [ -z "\${NGINX_ENTRYPOINT_QUIET_LOGS:-}" ]; then
        echo "$@"
    fi
}

ME=$(basename "$0")
DEFAULT_CONF_FILE="etc/nginx/conf.d/default.conf"

# check if we have ipv6 available
if [ ! -f "/proc/net/if_inet6" ]; then
    entrypoint_log "$ME: info: ipv6 not available"
    exit 0
fi

if [ ! -f "/$DEFAULT_CONF_FILE" ]; then
    entrypoint_log "$ME: info: /$DEFAULT_CONF_FILE is not a file or does not exist"
    exit 0
fi

# check if the file can be modified, e.g. not on a r/o filesystem
touch /$DEFAULT_CONF_FILE 2>/dev/null || { entrypoint_log "$ME: info: can not modify /$DEFAULT_CONF_FILE (read-only file system?)"; exit 0; }

# check if the file is already modified, e.g. on a container restart
grep -q "listen  \\[::]\\:80;" /$DEFAULT_CONF_FILE && { entrypoint_log "$ME: info: IPv6 listen already enabled"; exit 0; }

if [ -f "/etc/os-release" ]; then
    . /etc/os-release
else
    entrypoint_log "$ME: info: can not guess the operating system"
    exit 0
fi

entrypoint_log "$ME: info: Getting the checksum of /$DEFAULT_CONF_FILE"

case "$ID" in
    "debian")
        CHECKSUM=$(dpkg-query --show --showformat='\${Conffiles}\\n' nginx | grep $DEFAULT_CONF_FILE | cut -d' ' -f 3)
        echo "$CHECKSUM  /$DEFAULT_CONF_FILE" | md5sum -c - >/dev/null 2>&1 || {
            entrypoint_log "$ME: info: /$DEFAULT_CONF_FILE differs from the packaged version"
            exit 0
        }
        ;;
    "alpine")
        CHECKSUM=$(apk manifest nginx 2>/dev/null| grep $DEFAULT_CONF_FILE | cut -d' ' -f 1 | cut -d ':' -f 2)
        echo "$CHECKSUM  /$DEFAULT_CONF_FILE" | sha1sum -c - >/dev/null 2>&1 || {
            entrypoint_log "$ME: info: /$DEFAULT_CONF_FILE differs from the packaged version"
            exit 0
        }
        ;;
    *)
        entrypoint_log "$ME: info: Unsupported distribution"
        exit 0
        ;;
esac

# enable ipv6 on default.conf listen sockets
sed -i -E 's,listen       80;,listen       80;\\n    listen  [::]:80;,' /$DEFAULT_CONF_FILE

entrypoint_log "$ME: info: Enabled listen on IPv6 in /$DEFAULT_CONF_FILE"

exit 0
`,
  '15-local-resolvers.envsh': `#!/bin/sh
# vim:sw=2:ts=2:sts=2:et

set -eu

LC_ALL=C
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

[ "\${NGINX_ENTRYPOINT_LOCAL_RESOLVERS:-}" ] || return 0

NGINX_LOCAL_RESOLVERS=$(awk 'BEGIN{ORS=" "} $1=="nameserver" {if ($2 ~ ":") {print "["$2"]"} else {print $2}}' /etc/resolv.conf)

NGINX_LOCAL_RESOLVERS="\${NGINX_LOCAL_RESOLVERS% }"

export NGINX_LOCAL_RESOLVERS
`,
  '20-envsubst-on-templates.sh': `#!/bin/sh

set -e

ME=$(basename "$0")

entrypoint_log() {
    if [ -z "\${NGINX_ENTRYPOINT_QUIET_LOGS:-}" ]; then
        echo "$@"
    fi
}

add_stream_block() {
  local conffile="/etc/nginx/nginx.conf"

  if grep -q -E "\\s*stream\\s*\\{" "$conffile"; then
    entrypoint_log "$ME: $conffile contains a stream block; include $stream_output_dir/*.conf to enable stream templates"
  else
    # check if the file can be modified, e.g. not on a r/o filesystem
    touch "$conffile" 2>/dev/null || { entrypoint_log "$ME: info: can not modify $conffile (read-only file system?)"; exit 0; }
    entrypoint_log "$ME: Appending stream block to $conffile to include $stream_output_dir/*.conf"
    cat << END >> "$conffile"
# added by "$ME" on "$(date)"
stream {
  include $stream_output_dir/*.conf;
}
END
  fi
}

auto_envsubst() {
  local template_dir="\${NGINX_ENVSUBST_TEMPLATE_DIR:-/etc/nginx/templates}"
  local suffix="\${NGINX_ENVSUBST_TEMPLATE_SUFFIX:-.template}"
  local output_dir="\${NGINX_ENVSUBST_OUTPUT_DIR:-/etc/nginx/conf.d}"
  local stream_suffix="\${NGINX_ENVSUBST_STREAM_TEMPLATE_SUFFIX:-.stream-template}"
  local stream_output_dir="\${NGINX_ENVSUBST_STREAM_OUTPUT_DIR:-/etc/nginx/stream-conf.d}"
  local filter="\${NGINX_ENVSUBST_FILTER:-}"

  local template defined_envs relative_path output_path subdir
  defined_envs=$(printf '\${%s} ' $(awk "END { for (name in ENVIRON) { print ( name ~ /\${filter}/ ) ? name : \\"\\" } }" < /dev/null ))
  [ -d "$template_dir" ] || return 0
  if [ ! -w "$output_dir" ]; then
    entrypoint_log "$ME: ERROR: $template_dir exists, but $output_dir is not writable"
    return 0
  fi
  find "$template_dir" -follow -type f -name "*$suffix" -print | while read -r template; do
    relative_path="\${template#"$template_dir/"}"
    output_path="$output_dir/\${relative_path%"$suffix"}"
    subdir=$(dirname "$relative_path")
    # create a subdirectory where the template file exists
    mkdir -p "$output_dir/$subdir"
    entrypoint_log "$ME: Running envsubst on $template to $output_path"
    envsubst "$defined_envs" < "$template" > "$output_path"
  done

  # Print the first file with the stream suffix, this will be false if there are none
  if test -n "$(find "$template_dir" -name "*$stream_suffix" -print -quit)"; then
    mkdir -p "$stream_output_dir"
    if [ ! -w "$stream_output_dir" ]; then
      entrypoint_log "$ME: ERROR: $template_dir exists, but $stream_output_dir is not writable"
      return 0
    fi
    add_stream_block
    find "$template_dir" -follow -type f -name "*$stream_suffix" -print | while read -r template; do
      relative_path="\${template#"$template_dir/"}"
      output_path="$stream_output_dir/\${relative_path%"$stream_suffix"}"
      subdir=$(dirname "$relative_path")
      # create a subdirectory where the template file exists
      mkdir -p "$stream_output_dir/$subdir"
      entrypoint_log "$ME: Running envsubst on $template to $output_path"
      envsubst "$defined_envs" < "$template" > "$output_path"
    done
  fi
}

auto_envsubst

exit 0
`,
  '30-tune-worker-processes.sh': `#!/bin/sh
# vim:sw=2:ts=2:sts=2:et

set -eu

LC_ALL=C
ME=$(basename "$0")
PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

[ "\${NGINX_ENTRYPOINT_WORKER_PROCESSES_AUTOTUNE:-}" ] || exit 0

touch /etc/nginx/nginx.conf 2>/dev/null || { echo >&2 "$ME: error: can not modify /etc/nginx/nginx.conf (read-only file system?)"; exit 0; }

ceildiv() {
  num=$1
  div=$2
  echo $(( (num + div - 1) / div ))
}

get_cpuset() {
  cpusetroot=$1
  ncpu=0
  [ -f "$cpusetroot/cpuset.effective_cpus" ] || return 1
  for token in $( tr ',' ' ' < "$cpusetroot/cpuset.effective_cpus" ); do
    case "$token" in
      *-*)
        count=$( seq $(echo "$token" | tr '-' ' ') | wc -l )
        ncpu=$(( ncpu+count ))
        ;;
      *)
        ncpu=$(( ncpu+1 ))
        ;;
    esac
  done
  echo "$ncpu"
}

get_quota() {
  cpuroot=$1
  ncpu=0
  [ -f "$cpuroot/cpu.cfs_quota_us" ] || return 1
  [ -f "$cpuroot/cpu.cfs_period_us" ] || return 1
  cfs_quota=$( cat "$cpuroot/cpu.cfs_quota_us" )
  cfs_period=$( cat "$cpuroot/cpu.cfs_period_us" )
  [ "$cfs_quota" = "-1" ] && return 1
  [ "$cfs_period" = "0" ] && return 1
  ncpu=$( ceildiv "$cfs_quota" "$cfs_period" )
  [ "$ncpu" -gt 0 ] || return 1
  echo "$ncpu"
}

get_quota_v2() {
  cpuroot=$1
  ncpu=0
  [ -f "$cpuroot/cpu.max" ] || return 1
  cfs_quota=$( cut -d' ' -f 1 < "$cpuroot/cpu.max" )
  cfs_period=$( cut -d' ' -f 2 < "$cpuroot/cpu.max" )
  [ "$cfs_quota" = "max" ] && return 1
  [ "$cfs_period" = "0" ] && return 1
  ncpu=$( ceildiv "$cfs_quota" "$cfs_period" )
  [ "$ncpu" -gt 0 ] || return 1
  echo "$ncpu"
}

get_cgroup_v1_path() {
  needle=$1
  found=
  foundroot=
  mountpoint=

  [ -r "/proc/self/mountinfo" ] || return 1
  [ -r "/proc/self/cgroup" ] || return 1

  while IFS= read -r line; do
    case "$needle" in
      "cpuset")
        case "$line" in
          *cpuset*)
            found=$( echo "$line" | cut -d ' ' -f 4,5 )
            break
            ;;
        esac
        ;;
      "cpu")
        case "$line" in
          *cpuset*)
            ;;
          *cpu,cpuacct*|*cpuacct,cpu|*cpuacct*|*cpu*)
            found=$( echo "$line" | cut -d ' ' -f 4,5 )
            break
            ;;
        esac
    esac
  done << __EOF__
$( grep -F -- '- cgroup ' /proc/self/mountinfo )
__EOF__

  while IFS= read -r line; do
    controller=$( echo "$line" | cut -d: -f 2 )
    case "$needle" in
      "cpuset")
        case "$controller" in
          cpuset)
            mountpoint=$( echo "$line" | cut -d: -f 3 )
            break
            ;;
        esac
        ;;
      "cpu")
        case "$controller" in
          cpu,cpuacct|cpuacct,cpu|cpuacct|cpu)
            mountpoint=$( echo "$line" | cut -d: -f 3 )
            break
            ;;
        esac
        ;;
    esac
done << __EOF__
$( grep -F -- 'cpu' /proc/self/cgroup )
__EOF__

  case "\${found%% *}" in
    "/")
      foundroot="\${found##* }$mountpoint"
      ;;
    "$mountpoint")
      foundroot="\${found##* }"
      ;;
  esac
  echo "$foundroot"
}

get_cgroup_v2_path() {
  found=
  foundroot=
  mountpoint=

  [ -r "/proc/self/mountinfo" ] || return 1
  [ -r "/proc/self/cgroup" ] || return 1

  while IFS= read -r line; do
    found=$( echo "$line" | cut -d ' ' -f 4,5 )
  done << __EOF__
$( grep -F -- '- cgroup2 ' /proc/self/mountinfo )
__EOF__

  while IFS= read -r line; do
    mountpoint=$( echo "$line" | cut -d: -f 3 )
done << __EOF__
$( grep -F -- '0::' /proc/self/cgroup )
__EOF__

  case "\${found%% *}" in
    "")
      return 1
      ;;
    "/")
      foundroot="\${found##* }$mountpoint"
      ;;
    "$mountpoint" | /../*)
      foundroot="\${found##* }"
      ;;
  esac
  echo "$foundroot"
}

ncpu_online=$( getconf _NPROCESSORS_ONLN )
ncpu_cpuset=
ncpu_quota=
ncpu_cpuset_v2=
ncpu_quota_v2=

cpuset=$( get_cgroup_v1_path "cpuset" ) && ncpu_cpuset=$( get_cpuset "$cpuset" ) || ncpu_cpuset=$ncpu_online
cpu=$( get_cgroup_v1_path "cpu" ) && ncpu_quota=$( get_quota "$cpu" ) || ncpu_quota=$ncpu_online
cgroup_v2=$( get_cgroup_v2_path ) && ncpu_cpuset_v2=$( get_cpuset "$cgroup_v2" ) || ncpu_cpuset_v2=$ncpu_online
cgroup_v2=$( get_cgroup_v2_path ) && ncpu_quota_v2=$( get_quota_v2 "$cgroup_v2" ) || ncpu_quota_v2=$ncpu_online

ncpu=$( printf "%s\\n%s\\n%s\\n%s\\n%s\\n" \\
               "$ncpu_online" \\
               "$ncpu_cpuset" \\
               "$ncpu_quota" \\
               "$ncpu_cpuset_v2" \\
               "$ncpu_quota_v2" \\
               | sort -n \\
               | head -n 1 )

sed -i.bak -r 's/^(worker_processes)(.*)$/# Commented out by '"$ME"' on '"$(date)"'\\n#\\1\\2\\n\\1 '"$ncpu"';/' /etc/nginx/nginx.conf
`,
};

/** Sizes of nginx.org's 1.27 amd64 build (bytes). */
const NGINX_ORG_FILES: [path: string, size: number, mode?: number][] = [
  ['/usr/sbin/nginx', 1_587_248, 0o755],
  ['/usr/sbin/nginx-debug', 1_652_784, 0o755],
  ['/usr/lib/nginx/modules/ngx_http_geoip_module-debug.so', 23_992],
  ['/usr/lib/nginx/modules/ngx_http_geoip_module.so', 23_992],
  ['/usr/lib/nginx/modules/ngx_http_image_filter_module-debug.so', 28_088],
  ['/usr/lib/nginx/modules/ngx_http_image_filter_module.so', 28_088],
  ['/usr/lib/nginx/modules/ngx_http_js_module-debug.so', 3_974_416],
  ['/usr/lib/nginx/modules/ngx_http_js_module.so', 3_970_320],
  ['/usr/lib/nginx/modules/ngx_http_xslt_filter_module-debug.so', 28_088],
  ['/usr/lib/nginx/modules/ngx_http_xslt_filter_module.so', 28_088],
  ['/usr/lib/nginx/modules/ngx_stream_geoip_module-debug.so', 19_896],
  ['/usr/lib/nginx/modules/ngx_stream_geoip_module.so', 19_896],
  ['/usr/lib/nginx/modules/ngx_stream_js_module-debug.so', 3_888_400],
  ['/usr/lib/nginx/modules/ngx_stream_js_module.so', 3_884_304],
  ['/usr/bin/njs', 3_805_944, 0o755],
  ['/usr/share/doc/nginx/changelog.gz', 112_358],
  ['/usr/share/doc/nginx/copyright', 1_397],
  ['/usr/share/doc/nginx-module-njs/copyright', 1_401],
  ['/usr/share/doc/nginx-module-geoip/copyright', 1_397],
  ['/usr/share/doc/nginx-module-xslt/copyright', 1_397],
  ['/usr/share/doc/nginx-module-image-filter/copyright', 1_397],
  ['/usr/share/man/man8/nginx.8.gz', 1_510],
  ['/lib/systemd/system/nginx-debug.service', 387],
  ['/lib/systemd/system/nginx.service', 383],
];

/** The dependency packages of the RUN layer, in install order. */
function dependencyPackages(base: ReadonlySet<string>): string[] {
  return resolveDependencies(DEPENDENCY_ROOTS).filter((name) => !base.has(name));
}

/**
 * The RUN layer: what `groupadd`, `useradd`, `apt-get install` and the ln -sf
 * / mkdir at the end change on top of bookworm-slim (`base`).
 */
export async function nginxRunLayer(base: Tree, basePackages: readonly string[], epoch: number): Promise<Tree> {
  const tree = new Tree();
  const owner = { mtime: epoch };
  const names = dependencyPackages(new Set(basePackages));
  const debs: Deb[] = await unpack(tree, names, { mergedUsr: true });
  // ca-certificates' postinst: update-ca-certificates writes the bundle and a link per certificate.
  const certs = (await readDeb('ca-certificates')).data.filter((e) => e.type === 'file' && e.path.startsWith('/usr/share/ca-certificates/mozilla/') && e.path.endsWith('.crt'));
  let bundle = 0;
  for (const cert of certs) {
    const name = cert.path.slice(cert.path.lastIndexOf('/') + 1, -'.crt'.length);
    tree.symlink(`/etc/ssl/certs/${name}.pem`, cert.path, epoch);
    bundle += cert.size;
  }
  tree.sizedFile('/etc/ssl/certs/ca-certificates.crt', bundle, owner);
  tree.file('/etc/ca-certificates.conf', certs.map((c) => c.path.slice('/usr/share/ca-certificates/'.length)).sort().join('\n') + '\n', owner);
  // nginx.org's packages.
  const nginxCommon = await readDeb('nginx-common');
  const confText = (path: string) => nginxCommon.data.find((e) => e.path === path)?.data;
  tree.dir('/etc/nginx', owner);
  tree.dir('/etc/nginx/conf.d', owner);
  tree.file('/etc/nginx/nginx.conf', NGINX_CONF.slice(1), owner);
  tree.file('/etc/nginx/conf.d/default.conf', DEFAULT_CONF, owner);
  for (const name of ['mime.types', 'fastcgi_params', 'scgi_params', 'uwsgi_params']) {
    const text = confText(`/etc/nginx/${name}`);
    if (!text) throw new Error(`nginx-common has no /etc/nginx/${name}`);
    tree.file(`/etc/nginx/${name}`, text, owner);
  }
  tree.symlink('/etc/nginx/modules', '/usr/lib/nginx/modules', epoch);
  tree.file('/etc/default/nginx', '# Default settings for nginx.\n\n# Define additional command-line arguments to nginx.\nDAEMON_ARGS=""\n', owner);
  tree.file('/etc/default/nginx-debug', '# Default settings for nginx-debug.\n\n# Define additional command-line arguments to nginx-debug.\nDAEMON_ARGS=""\n', owner);
  tree.sizedFile('/etc/init.d/nginx', 4_580, { ...owner, mode: 0o755 });
  tree.sizedFile('/etc/init.d/nginx-debug', 4_646, { ...owner, mode: 0o755 });
  tree.file('/etc/logrotate.d/nginx', '/var/log/nginx/*.log {\n        daily\n        missingok\n        rotate 52\n        compress\n        delaycompress\n        notifempty\n        create 640 nginx adm\n        sharedscripts\n        postrotate\n                if [ -f /var/run/nginx.pid ]; then\n                        kill -USR1 `cat /var/run/nginx.pid`\n                fi\n        endscript\n}\n', owner);
  for (const [path, size, mode] of NGINX_ORG_FILES) tree.sizedFile(path.startsWith('/lib/') ? `/usr${path}` : path, size, { ...owner, mode: mode ?? 0o644 });
  tree.file('/usr/share/nginx/html/index.html', INDEX_HTML, owner);
  tree.file('/usr/share/nginx/html/50x.html', ERROR_HTML, owner);
  tree.dir('/var/cache/nginx', owner);
  tree.dir('/var/log/nginx', owner);
  tree.symlink('/var/log/nginx/access.log', '/dev/stdout', epoch);
  tree.symlink('/var/log/nginx/error.log', '/dev/stderr', epoch);
  tree.dir('/docker-entrypoint.d', owner);
  // groupadd/useradd: the account files, rewritten whole.
  const append = (path: string, line: string) => {
    const text = base.text(path);
    const node = base.get(path);
    if (text === undefined || node?.kind !== 'f') throw new Error(`bookworm-slim has no ${path}`);
    tree.file(path, text + line, { mtime: epoch, mode: node.mode, gid: node.gid });
    tree.file(`${path}-`, text, { mtime: epoch, mode: node.mode, gid: node.gid });
  };
  const day = Math.floor(epoch / 86400);
  append('/etc/group', 'nginx:x:101:\n');
  append('/etc/gshadow', 'nginx:!::\n');
  append('/etc/passwd', 'nginx:x:101:101:nginx user:/nonexistent:/bin/false\n');
  append('/etc/shadow', `nginx:!:${day}::::::\n`);
  // dpkg's database: the new packages appended to the status, their info files.
  const baseStatus = base.text('/var/lib/dpkg/status') ?? '';
  const nginxStanzas = [
    ['nginx', `${NGINX_VERSION}-${NGINX_PKG_RELEASE}`, 'high performance web server'],
    ['nginx-module-geoip', `${NGINX_VERSION}-${NGINX_PKG_RELEASE}`, 'nginx GeoIP dynamic modules'],
    ['nginx-module-image-filter', `${NGINX_VERSION}-${NGINX_PKG_RELEASE}`, 'nginx image filter dynamic module'],
    ['nginx-module-njs', `${NGINX_VERSION}+${NJS_VERSION}-${NGINX_PKG_RELEASE}`, 'nginx njs dynamic modules'],
    ['nginx-module-xslt', `${NGINX_VERSION}-${NGINX_PKG_RELEASE}`, 'nginx xslt dynamic module'],
  ].map(
    ([name, version, description]) =>
      `Package: ${name}\nStatus: install ok installed\nPriority: optional\nSection: httpd\nInstalled-Size: ${name === 'nginx' ? 3408 : name === 'nginx-module-njs' ? 15256 : 118}\nMaintainer: NGINX Packaging <nginx-packaging@f5.com>\nArchitecture: amd64\nVersion: ${version}\nDepends: ${name === 'nginx' ? 'libc6 (>= 2.34), libcrypt1 (>= 1:4.1.0), libpcre2-8-0 (>= 10.22), libssl3 (>= 3.0.0), zlib1g (>= 1:1.1.4), adduser, lsb-base (>= 3.0-6)' : `nginx (= ${NGINX_VERSION}-${NGINX_PKG_RELEASE})`}\nDescription: ${description}\nHomepage: https://nginx.org\n`,
  );
  const status = [baseStatus.replace(/\n+$/, ''), ...debs.map(statusStanza), ...nginxStanzas].join('\n\n').replace(/\n\n\n+/g, '\n\n');
  tree.file('/var/lib/dpkg/status', status.endsWith('\n') ? status : `${status}\n`, owner);
  tree.file('/var/lib/dpkg/status-old', baseStatus, owner);
  for (const deb of debs) {
    const id = deb.control['Multi-Arch'] === 'same' ? `${deb.name}:${deb.control.Architecture}` : deb.name;
    tree.file(`/var/lib/dpkg/info/${id}.list`, `${['/.', ...deb.data.map((e) => e.path)].join('\n')}\n`, owner);
    const md5sums = deb.controlFiles.get('md5sums');
    if (md5sums) tree.file(`/var/lib/dpkg/info/${id}.md5sums`, md5sums, owner);
  }
  for (const name of ['nginx', 'nginx-module-geoip', 'nginx-module-image-filter', 'nginx-module-njs', 'nginx-module-xslt']) {
    const files = NGINX_ORG_FILES.filter(([p]) => (name === 'nginx' ? !p.includes('_module') && !p.includes('njs') : p.includes(name.replace('nginx-module-', '').replace('-', '_')) || (name === 'nginx-module-njs' && (p.includes('_js_') || p.includes('njs')))));
    tree.file(`/var/lib/dpkg/info/${name}.list`, `/.\n${files.map(([p]) => p).join('\n')}\n`, owner);
  }
  tree.sizedFile('/var/lib/apt/extended_states', 2_916, owner);
  tree.file('/var/log/apt/eipp.log.xz', '', { ...owner, mode: 0o600 });
  tree.sizedFile('/var/log/apt/history.log', 4_371, owner);
  tree.sizedFile('/var/log/apt/term.log', 14_852, { ...owner, mode: 0o640, gid: 4 });
  tree.sizedFile('/var/log/dpkg.log', 41_738, owner);
  tree.sizedFile('/var/log/alternatives.log', 0, owner);
  tree.sizedFile('/etc/ld.so.cache', 21_842, owner);
  tree.sizedFile('/var/cache/debconf/config.dat', 13_492, owner);
  tree.sizedFile('/var/cache/debconf/config.dat-old', 13_108, owner);
  tree.sizedFile('/var/cache/debconf/templates.dat', 528_117, owner);
  tree.sizedFile('/var/cache/debconf/templates.dat-old', 526_941, owner);
  tree.remove('/usr/share/doc/libheif1/examples');
  // The image is on bookworm-slim: its dpkg excludes applied to the new packages.
  for (const [path, node] of [...tree.nodes]) {
    if (node.kind === 'd') continue;
    if (/^\/usr\/share\/(doc|man|locale|info|groff|lintian|linda)\//.test(path) && !/^\/usr\/share\/doc\/[^/]+\/copyright$/.test(path) && !path.startsWith('/usr/share/doc/nginx')) tree.nodes.delete(path);
  }
  for (const path of [...tree.nodes.keys()].filter((p) => /^\/usr\/share\/(doc|man|locale|info)\//.test(p)).sort().reverse()) {
    if (tree.get(path)?.kind === 'd' && tree.children(path).length === 0) tree.nodes.delete(path);
  }
  tree.clampMtimes(epoch);
  return tree;
}

/** A COPY layer: the file and its destination directory as BuildKit records them. */
export function copyLayer(dir: string, name: string, epoch: number, dirMtime: number): Tree {
  const tree = new Tree();
  if (dir !== '/') tree.dir(dir, { mtime: dirMtime });
  tree.file(`${dir === '/' ? '' : dir}/${name}`, ENTRYPOINT_SCRIPTS[name]!, { mtime: epoch, mode: 0o775 });
  return tree;
}

export function nginxTextPolicy(path: string, size: number): boolean {
  if (isDpkgDatabase(path)) return true;
  if (path.startsWith('/docker-entrypoint') || path.startsWith('/usr/share/nginx/html/')) return true;
  return size <= 16 * 1024 && !/\.(asc|gpg|pem|crt)$/.test(path) && path.startsWith('/etc/');
}
