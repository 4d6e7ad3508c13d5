/**
 * httpd (docker-library/httpd, 2.4 on bookworm-slim): Apache built from
 * source into /usr/local/apache2 (--enable-mods-shared=reallyall
 * --enable-mpms-shared=all), man pages and manual removed, logs sent to the
 * container's stdout/stderr.
 *
 * The build cannot run here, so /usr/local/apache2 is laid out from Debian's
 * build of the same httpd (apache2-bin's modules and binaries with their
 * sizes, apache2-utils' tools, apache2-data's error pages and icons,
 * apache2-dev's headers), with the default configuration as the image ships
 * it (condensed: the directives are real, most of the long comments are not
 * repeated).
 */
import { readDeb } from './debs';
import { isDpkgDatabase } from './layers';
import { Tree } from './tree';

export const HTTPD_VERSION = '2.4.68';
export const HTTPD_SHA256 = '68c74d4df38c26bed4dfbdb8f3baf1eb532f3872357becc1bba5d136f6b63c06';
export const HTTPD_PREFIX = '/usr/local/apache2';

/** Runtime libraries the build's `apt-mark manual` keeps. */
export const HTTPD_RUNTIME_PACKAGES = ['libapr1', 'libaprutil1', 'libbrotli1', 'libcurl4', 'libjansson4', 'liblua5.4-0', 'libnghttp2-14', 'libpcre2-8-0', 'libssl3', 'libxml2', 'zlib1g'];

const ENABLED = [
  'mpm_event', 'authn_file', 'authn_core', 'authz_host', 'authz_groupfile', 'authz_user', 'authz_core', 'access_compat', 'auth_basic', 'reqtimeout', 'filter', 'mime', 'log_config', 'env', 'headers',
  'setenvif', 'version', 'unixd', 'status', 'autoindex', 'dir', 'alias',
];

function httpdConf(modules: string[]): string {
  const loads = modules.map((m) => `${ENABLED.includes(m) ? '' : '#'}LoadModule ${m}_module modules/mod_${m}.so`).join('\n');
  return `#
# This is the main Apache HTTP server configuration file.  It contains the
# configuration directives that give the server its instructions.
# See <URL:http://httpd.apache.org/docs/2.4/> for detailed information.
# In particular, see
# <URL:http://httpd.apache.org/docs/2.4/mod/directives.html>
# for a discussion of each configuration directive.
#
# Do NOT simply read the instructions in here without understanding
# what they do.  They're here only as hints or reminders.  If you are unsure
# consult the online docs. You have been warned.
#

#
# ServerRoot: The top of the directory tree under which the server's
# configuration, error, and log files are kept.
#
# Do not add a slash at the end of the directory path.  If you point
# ServerRoot at a non-local disk, be sure to specify a local disk on the
# Mutex directive, if file-based mutexes are used.  If you wish to share the
# same ServerRoot for multiple httpd daemons, you will need to change at
# least PidFile.
#
ServerRoot "/usr/local/apache2"

#
# Listen: Allows you to bind Apache to specific IP addresses and/or
# ports, instead of the default. See also the <VirtualHost>
# directive.
#
#Listen 12.34.56.78:80
Listen 80

#
# Dynamic Shared Object (DSO) Support
#
# To be able to use the functionality of a module which was built as a DSO you
# have to place corresponding \`LoadModule' lines at this location so the
# directives contained in it are actually available _before_ they are used.
#
${loads}

<IfModule unixd_module>
#
# If you wish httpd to run as a different user or group, you must run
# httpd as root initially and it will switch.
#
User www-data
Group www-data

</IfModule>

# 'Main' server configuration
#
ServerAdmin you@example.com

#ServerName www.example.com:80

#
# Deny access to the entirety of your server's filesystem. You must
# explicitly permit access to web content directories in other
# <Directory> blocks below.
#
<Directory />
    AllowOverride none
    Require all denied
</Directory>

#
# DocumentRoot: The directory out of which you will serve your
# documents. By default, all requests are taken from this directory, but
# symbolic links and aliases may be used to point to other locations.
#
DocumentRoot "/usr/local/apache2/htdocs"
<Directory "/usr/local/apache2/htdocs">
    Options Indexes FollowSymLinks
    AllowOverride None
    Require all granted
</Directory>

#
# DirectoryIndex: sets the file that Apache will serve if a directory
# is requested.
#
<IfModule dir_module>
    DirectoryIndex index.html
</IfModule>

#
# The following lines prevent .htaccess and .htpasswd files from being
# viewed by Web clients.
#
<Files ".ht*">
    Require all denied
</Files>

#
# ErrorLog: The location of the error log file.
#
ErrorLog /proc/self/fd/2

#
# LogLevel: Control the number of messages logged to the error_log.
# Possible values include: debug, info, notice, warn, error, crit,
# alert, emerg.
#
LogLevel warn

<IfModule log_config_module>
    LogFormat "%h %l %u %t \\"%r\\" %>s %b \\"%{Referer}i\\" \\"%{User-Agent}i\\"" combined
    LogFormat "%h %l %u %t \\"%r\\" %>s %b" common

    <IfModule logio_module>
      # You need to enable mod_logio.c to use %I and %O
      LogFormat "%h %l %u %t \\"%r\\" %>s %b \\"%{Referer}i\\" \\"%{User-Agent}i\\" %I %O" combinedio
    </IfModule>

    CustomLog /proc/self/fd/1 common
</IfModule>

<IfModule alias_module>
    ScriptAlias /cgi-bin/ "/usr/local/apache2/cgi-bin/"
</IfModule>

<IfModule cgid_module>
    #Scriptsock cgisock
</IfModule>

<Directory "/usr/local/apache2/cgi-bin">
    AllowOverride None
    Options None
    Require all granted
</Directory>

<IfModule headers_module>
    RequestHeader unset Proxy early
</IfModule>

<IfModule mime_module>
    TypesConfig conf/mime.types
    AddType application/x-compress .Z
    AddType application/x-gzip .gz .tgz
</IfModule>

# Supplemental configuration
#
# The configuration files in the conf/extra/ directory can be
# included to add extra features or to modify the default configuration of
# the server, or you may simply copy their contents here and change as
# necessary.

# Server-pool management (MPM specific)
#Include conf/extra/httpd-mpm.conf

# Multi-language error messages
#Include conf/extra/httpd-multilang-errordoc.conf

# Fancy directory listings
#Include conf/extra/httpd-autoindex.conf

# Language settings
#Include conf/extra/httpd-languages.conf

# User home directories
#Include conf/extra/httpd-userdir.conf

# Real-time info on requests and configuration
#Include conf/extra/httpd-info.conf

# Virtual hosts
#Include conf/extra/httpd-vhosts.conf

# Local access to the Apache HTTP Server Manual
#Include conf/extra/httpd-manual.conf

# Distributed authoring and versioning (WebDAV)
#Include conf/extra/httpd-dav.conf

# Various default settings
#Include conf/extra/httpd-default.conf

# Configure mod_proxy_html to understand HTML4/XHTML1
<IfModule proxy_html_module>
Include conf/extra/proxy-html.conf
</IfModule>

# Secure (SSL/TLS) connections
#Include conf/extra/httpd-ssl.conf
#
# Note: The following must must be present to support
#       starting without SSL on platforms with no /dev/random equivalent
#       but a statically compiled-in mod_ssl.
#
<IfModule ssl_module>
SSLRandomSeed startup builtin
SSLRandomSeed connect builtin
</IfModule>

`;
}

export const HTTPD_FOREGROUND = `#!/bin/sh
set -e

# Apache gets grumpy about PID files pre-existing
rm -f /usr/local/apache2/logs/httpd.pid

exec httpd -DFOREGROUND "$@"
`;

/** /usr/local/apache2 after the build RUN. */
export async function httpdInstall(tree: Tree, epoch: number): Promise<void> {
  const owner = { mtime: epoch };
  const p = HTTPD_PREFIX;
  const bin = await readDeb('apache2-bin');
  const modules: string[] = [];
  for (const entry of bin.data) {
    const m = /^\/usr\/lib\/apache2\/modules\/mod_([a-z0-9_]+)\.so$/.exec(entry.path);
    if (m && entry.type === 'file') {
      modules.push(m[1]!);
      tree.sizedFile(`${p}/modules/mod_${m[1]}.so`, entry.size, { ...owner, mode: 0o755 });
    }
    if (entry.path === '/usr/sbin/apache2') tree.sizedFile(`${p}/bin/httpd`, entry.size, { ...owner, mode: 0o755 });
  }
  for (const entry of (await readDeb('apache2-utils')).data) {
    if (entry.type === 'file' && /^\/usr\/(s?bin)\/[^/]+$/.test(entry.path)) tree.sizedFile(`${p}/bin/${entry.path.slice(entry.path.lastIndexOf('/') + 1)}`, entry.size, { ...owner, mode: 0o755 });
  }
  for (const entry of (await readDeb('apache2-data')).data) {
    if (entry.type !== 'file') continue;
    for (const dir of ['error', 'icons']) {
      const from = `/usr/share/apache2/${dir}/`;
      if (entry.path.startsWith(from)) tree.set(`${p}/${dir}/${entry.path.slice(from.length)}`, { kind: 'f', size: entry.size, bytes: entry.data, mode: 0o644, uid: 0, gid: 0, mtime: epoch });
    }
  }
  for (const entry of (await readDeb('apache2-dev')).data) {
    if (entry.type === 'file' && entry.path.startsWith('/usr/include/apache2/')) tree.set(`${p}/include/${entry.path.slice('/usr/include/apache2/'.length)}`, { kind: 'f', size: entry.size, bytes: entry.data, mode: 0o644, uid: 0, gid: 0, mtime: epoch });
  }
  for (const [name, size] of [['apachectl', 3_433], ['apxs', 24_148], ['dbmmanage', 9_103], ['envvars', 1_073], ['envvars-std', 1_073]] as const) tree.sizedFile(`${p}/bin/${name}`, size, { ...owner, mode: 0o755 });
  for (const [name, size] of [['config.nice', 341], ['config_vars.mk', 10_841], ['instdso.sh', 3_194], ['library.mk', 1_234], ['ltlib.mk', 1_263], ['mkdir.sh', 1_057], ['program.mk', 1_062], ['rules.mk', 9_154], ['special.mk', 1_312]] as const) tree.sizedFile(`${p}/build/${name}`, size, { ...owner, mode: name.endsWith('.sh') ? 0o755 : 0o644 });
  tree.file(`${p}/cgi-bin/printenv`, '#\n\n# To permit this cgi, replace # on the first line above with the\n# appropriate #!/path/to/perl shebang, and on Unix / Linux also\n# set this script executable with chmod 755.\n#\n# ***** !!! WARNING !!! *****\n# This script echoes the server environment variables and therefore\n# leaks information - so NEVER use it in a live server environment!\n# It is provided only for testing purpose.\n# Also note that it is subject to cross site scripting attacks on\n# MS IE and any other browser which fails to honor RFC2616. \n\n##\n##  printenv -- demo CGI program which just prints its environment\n##\nuse strict;\nuse warnings;\n\nprint "Content-type: text/plain; charset=iso-8859-1\\n\\n";\nforeach my $var (sort(keys(%ENV))) {\n    my $val = $ENV{$var};\n    $val =~ s|\\n|\\\\n|g;\n    $val =~ s|"|\\\\"|g;\n    print "${var}=\\"${val}\\"\\n";\n}\n\n', owner);
  tree.sizedFile(`${p}/cgi-bin/printenv.vbs`, 1_074, owner);
  tree.sizedFile(`${p}/cgi-bin/printenv.wsf`, 1_133, owner);
  tree.sizedFile(`${p}/cgi-bin/test-cgi`, 1_261, owner);
  const conf = httpdConf(modules.sort());
  tree.file(`${p}/conf/httpd.conf`, conf, owner);
  tree.file(`${p}/conf/original/httpd.conf`, conf.replace('ErrorLog /proc/self/fd/2', 'ErrorLog "logs/error_log"').replace('CustomLog /proc/self/fd/1 common', 'CustomLog "logs/access_log" common'), owner);
  const mime = (await readDeb('media-types')).data.find((e) => e.path === '/etc/mime.types');
  tree.file(`${p}/conf/mime.types`, mime?.data ?? '', owner);
  tree.sizedFile(`${p}/conf/magic`, 13_077, owner);
  for (const [name, size] of [['httpd-autoindex.conf', 2_942], ['httpd-dav.conf', 1_741], ['httpd-default.conf', 2_916], ['httpd-info.conf', 1_108], ['httpd-languages.conf', 5_066], ['httpd-manual.conf', 1_411], ['httpd-mpm.conf', 4_606], ['httpd-multilang-errordoc.conf', 2_418], ['httpd-ssl.conf', 13_426], ['httpd-userdir.conf', 817], ['httpd-vhosts.conf', 1_525], ['proxy-html.conf', 3_161]] as const) {
    tree.sizedFile(`${p}/conf/extra/${name}`, size, owner);
    tree.sizedFile(`${p}/conf/original/extra/${name}`, size, owner);
  }
  tree.file(`${p}/htdocs/index.html`, '<html><body><h1>It works!</h1></body></html>\n', owner);
  tree.dir(`${p}/logs`, owner);
}

export function httpdTextPolicy(path: string, size: number): boolean {
  if (isDpkgDatabase(path)) return true;
  if (path === `${HTTPD_PREFIX}/conf/httpd.conf` || path === `${HTTPD_PREFIX}/conf/original/httpd.conf` || path === `${HTTPD_PREFIX}/conf/mime.types`) return true;
  if (size > 16 * 1024 || /\.(asc|gpg|pem|crt)$/.test(path)) return false;
  return path.startsWith('/etc/') || path.startsWith(`${HTTPD_PREFIX}/htdocs/`) || path.startsWith(`${HTTPD_PREFIX}/cgi-bin/`) || path === '/usr/local/bin/httpd-foreground';
}

export const HTTPD_DEPS_RUN = `set -eux; \\
	apt-get update; \\
	apt-get install -y --no-install-recommends \\
# https://github.com/docker-library/httpd/issues/214
		ca-certificates \\
# https://github.com/docker-library/httpd/issues/209
		libaprutil1-ldap \\
# https://github.com/docker-library/httpd/issues/220
		libldap-common \\
	; \\
	rm -rf /var/lib/apt/lists/*`;

export const HTTPD_BUILD_RUN = `set -eux; \\
	\\
	savedAptMark="$(apt-mark showmanual)"; \\
	apt-get update; \\
	apt-get install -y --no-install-recommends \\
		bzip2 \\
		dpkg-dev \\
		gcc \\
		gnupg \\
		libapr1-dev \\
		libaprutil1-dev \\
		libbrotli-dev \\
		libcurl4-openssl-dev \\
		libjansson-dev \\
		liblua5.4-dev \\
		libnghttp2-dev \\
		libpcre2-dev \\
		libssl-dev \\
		libxml2-dev \\
		make \\
		wget \\
		zlib1g-dev \\
	; \\
	rm -r /var/lib/apt/lists/*; \\
	\\
	ddist() { \\
		local f="$1"; shift; \\
		local distFile="$1"; shift; \\
		local success=; \\
		local distUrl=; \\
		for distUrl in \\
			'https://www.apache.org/dyn/closer.cgi?action=download&filename=' \\
			https://downloads.apache.org/ \\
			https://www-us.apache.org/dist/ \\
			https://www.apache.org/dist/ \\
			https://archive.apache.org/dist/ \\
		; do \\
			if wget -O "$f" "$distUrl$distFile" && [ -s "$f" ]; then \\
				success=1; \\
				break; \\
			fi; \\
		done; \\
		[ -n "$success" ]; \\
	}; \\
	\\
	ddist 'httpd.tar.bz2' "httpd/httpd-$HTTPD_VERSION.tar.bz2"; \\
	echo "$HTTPD_SHA256 *httpd.tar.bz2" | sha256sum -c -; \\
	\\
	mkdir -p src; \\
	tar -xf httpd.tar.bz2 -C src --strip-components=1; \\
	rm httpd.tar.bz2; \\
	cd src; \\
	\\
	gnuArch="$(dpkg-architecture --query DEB_BUILD_GNU_TYPE)"; \\
	CFLAGS="$(dpkg-buildflags --get CFLAGS)"; \\
	CPPFLAGS="$(dpkg-buildflags --get CPPFLAGS)"; \\
	LDFLAGS="$(dpkg-buildflags --get LDFLAGS)"; \\
	./configure \\
		--build="$gnuArch" \\
		--prefix="$HTTPD_PREFIX" \\
		--enable-mods-shared=reallyall \\
		--enable-mpms-shared=all \\
		--enable-pie \\
		CFLAGS="-pipe $CFLAGS" \\
		CPPFLAGS="$CPPFLAGS" \\
		LDFLAGS="-Wl,--as-needed $LDFLAGS" \\
	; \\
	make -j "$(nproc)"; \\
	make install; \\
	\\
	cd ..; \\
	rm -r src man manual; \\
	\\
	sed -ri \\
		-e 's!^(\\s*CustomLog)\\s+\\S+!\\1 /proc/self/fd/1!g' \\
		-e 's!^(\\s*ErrorLog)\\s+\\S+!\\1 /proc/self/fd/2!g' \\
		-e 's!^(\\s*TransferLog)\\s+\\S+!\\1 /proc/self/fd/1!g' \\
		-e 's!^(\\s*User)\\s+daemon\\s*$!\\1 www-data!g' \\
		-e 's!^(\\s*Group)\\s+daemon\\s*$!\\1 www-data!g' \\
		"$HTTPD_PREFIX/conf/httpd.conf" \\
		"$HTTPD_PREFIX/conf/extra/httpd-ssl.conf" \\
	; \\
	grep -E '^\\s*User www-data$' "$HTTPD_PREFIX/conf/httpd.conf"; \\
	grep -E '^\\s*Group www-data$' "$HTTPD_PREFIX/conf/httpd.conf"; \\
	\\
	apt-mark auto '.*' > /dev/null; \\
	[ -z "$savedAptMark" ] || apt-mark manual $savedAptMark; \\
	find /usr/local -type f -executable -exec ldd '{}' ';' \\
		| awk '/=>/ { so = $(NF-1); if (index(so, "/usr/local/") == 1) { next }; gsub("^/(usr/)?", "", so); printf "*%s\\n", so }' \\
		| sort -u \\
		| xargs -r dpkg-query --search \\
		| cut -d: -f1 \\
		| sort -u \\
		| xargs -r apt-mark manual \\
	; \\
	apt-get purge -y --auto-remove -o APT::AutoRemove::RecommendsImportant=false; \\
	\\
	httpd -v`;
