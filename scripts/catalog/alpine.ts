/**
 * alpine-minirootfs 3.20.3 (x86_64), the tarball docker-library/alpine ADDs.
 *
 * There is no Alpine mirror to read packages from, so the tree is written
 * from what the minirootfs is known to hold: its 14 packages (the real names
 * and versions of the 3.20.3 release), their files with realistic sizes (the
 * bytes of binaries and libraries are generated), busybox's applet symlinks
 * where Alpine's busybox trigger puts them, the configuration files with
 * their real text, and apk's database (/lib/apk/db/installed) listing them.
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { readDeb } from './debs';
import { Tree } from './tree';

export const ALPINE_VERSION = '3.20.3';
export const ALPINE_CREATED = '2024-09-06T22:20:07Z';
export const ALPINE_EPOCH = Date.parse(ALPINE_CREATED) / 1000;

export type FileSpec = [path: string, sizeOrText: number | string, mode?: number];

export interface ApkPackage {
  name: string;
  version: string;
  description: string;
  url: string;
  license: string;
  origin: string;
  /** Build time (seconds): the mtime of its files. */
  built: number;
  depends?: string;
  provides?: string;
  installIf?: string;
  dirs?: string[];
  files: FileSpec[];
  /** Files it ships whose text is taken from a Debian package (listed in apk's database too). */
  listed?: string[];
  /** Symlinks the package itself ships. */
  links?: [path: string, target: string][];
}

/** busybox applets, where Alpine's busybox --install -s puts them (all → /bin/busybox). */
export const APPLETS: Record<string, string[]> = {
  '/bin': 'arch ash base64 bbconfig cat chattr chgrp chmod chown cp date dd df dmesg dnsdomainname dumpkmap echo egrep false fatattr fdflush fgrep fsync getopt grep gunzip gzip hostname ionice iostat ipcalc kbd_mode kill link linux32 linux64 ln login ls lsattr lzop makemime mkdir mknod mktemp more mount mountpoint mpstat mv netstat nice pidof ping ping6 pipe_progress printenv ps pwd reformime rev rm rmdir run-parts sed setpriv setserial sleep stat stty su sync tar touch true umount uname usleep watch zcat'.split(' '),
  '/sbin': 'acpid adjtimex arp blkid blockdev depmod fbsplash fdisk findfs fsck fstrim getty halt hwclock ifconfig ifdown ifenslave ifup init inotifyd insmod ip ipaddr iplink ipneigh iproute iprule iptunnel klogd loadkmap logread losetup lsmod mdev mkdosfs mkfs.vfat mkswap modinfo modprobe nameif nologin pivot_root poweroff raidautorun reboot rmmod route setconsole slattach swapoff swapon switch_root sysctl syslogd tunctl udhcpc vconfig watchdog'.split(' '),
  '/usr/bin': '[ [[ awk basename bc beep blkdiscard bunzip2 bzcat bzip2 cal chvt cksum clear cmp comm cpio crontab cryptpw cut dc deallocvt diff dirname dos2unix du dumpleases eject env expand expr factor fallocate find flock fold free fuser getfattr groups hd head hexdump hostid id install ipcrm ipcs killall last less logger lsof lsusb lzcat lzma lzopcat md5sum mesg microcom mkfifo mkpasswd nc nl nmeter nohup nproc nsenter nslookup od openvt paste patch pgrep pkill pmap printf pscan pstree pwdx readlink realpath renice reset resize seq setkeycodes setsid sha1sum sha256sum sha3sum sha512sum showkey shred shuf sort split strings sum tac tail tee test time timeout top tr traceroute traceroute6 tree truncate tty ttysize udhcpc6 unexpand uniq unix2dos unlink unlzma unlzop unshare unxz unzip uptime uudecode uuencode vi vlock volname wc wget which who whoami whois xargs xxd xzcat yes'.split(' '),
  '/usr/sbin': 'add-shell addgroup adduser arping brctl chpasswd chroot crond delgroup deluser ether-wake fbset killall5 loadfont nanddump nandwrite nbd-client ntpd partprobe rdate readahead remove-shell rfkill sendmail setfont setlogcons'.split(' '),
};

export const ALPINE_PASSWD =
  'root:x:0:0:root:/root:/bin/sh\nbin:x:1:1:bin:/bin:/sbin/nologin\ndaemon:x:2:2:daemon:/sbin:/sbin/nologin\nlp:x:4:7:lp:/var/spool/lpd:/sbin/nologin\nsync:x:5:0:sync:/sbin:/bin/sync\nshutdown:x:6:0:shutdown:/sbin:/sbin/shutdown\nhalt:x:7:0:halt:/sbin:/sbin/halt\nmail:x:8:12:mail:/var/mail:/sbin/nologin\nnews:x:9:13:news:/usr/lib/news:/sbin/nologin\nuucp:x:10:14:uucp:/var/spool/uucppublic:/sbin/nologin\ncron:x:16:16:cron:/var/spool/cron:/sbin/nologin\nftp:x:21:21::/var/lib/ftp:/sbin/nologin\nsshd:x:22:22:sshd:/dev/null:/sbin/nologin\ngames:x:35:35:games:/usr/games:/sbin/nologin\nntp:x:123:123:NTP:/var/empty:/sbin/nologin\nguest:x:405:100:guest:/dev/null:/sbin/nologin\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n';

export const ALPINE_GROUP =
  'root:x:0:root\nbin:x:1:root,bin,daemon\ndaemon:x:2:root,bin,daemon\nsys:x:3:root,bin\nadm:x:4:root,daemon\ntty:x:5:\ndisk:x:6:root\nlp:x:7:lp\nkmem:x:9:\nwheel:x:10:root\nfloppy:x:11:root\nmail:x:12:mail\nnews:x:13:news\nuucp:x:14:uucp\ncron:x:16:cron\naudio:x:18:\ncdrom:x:19:\ndialout:x:20:root\nftp:x:21:\nsshd:x:22:\ninput:x:23:\ntape:x:26:root\nvideo:x:27:root\nnetdev:x:28:\nkvm:x:34:kvm\ngames:x:35:\nshadow:x:42:\nwww-data:x:82:\nusers:x:100:games\nntp:x:123:\nabuild:x:300:\nutmp:x:406:\nping:x:999:\nnogroup:x:65533:\nnobody:x:65534:\n';

export const ALPINE_SHADOW = ALPINE_PASSWD.split('\n')
  .filter(Boolean)
  .map((line) => `${line.split(':')[0]}:${line.startsWith('root:') ? '*' : '!'}::0:::::\n`)
  .join('');

const PROFILE = `# Append our default paths
appendpath () {
	case ":$PATH:" in
		*:"$1":*)
			;;
		*)
			PATH="\${PATH:+$PATH:}$1"
	esac
}

appendpath '/usr/local/sbin'
appendpath '/usr/local/bin'
appendpath '/usr/sbin'
appendpath '/usr/bin'
appendpath '/sbin'
appendpath '/bin'
unset -f appendpath

export PATH
export PAGER=less
export PS1='\\h:\\w\\$ '
umask 022

for script in /etc/profile.d/*.sh ; do
	if [ -r "$script" ] ; then
		. "$script"
	fi
done
unset script
`;

const OS_RELEASE = `NAME="Alpine Linux"
ID=alpine
VERSION_ID=${ALPINE_VERSION}
PRETTY_NAME="Alpine Linux v3.20"
HOME_URL="https://alpinelinux.org/"
BUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"
`;

const INITTAB = `# /etc/inittab

::sysinit:/sbin/openrc sysinit
::sysinit:/sbin/openrc boot
::wait:/sbin/openrc default

# Set up a couple of getty's
tty1::respawn:/sbin/getty 38400 tty1
tty2::respawn:/sbin/getty 38400 tty2
tty3::respawn:/sbin/getty 38400 tty3
tty4::respawn:/sbin/getty 38400 tty4
tty5::respawn:/sbin/getty 38400 tty5
tty6::respawn:/sbin/getty 38400 tty6

# Put a getty on the serial port
#ttyS0::respawn:/sbin/getty -L 115200 ttyS0 vt100

# Stuff to do for the 3-finger salute
::ctrlaltdel:/sbin/reboot

# Stuff to do before rebooting
::shutdown:/sbin/openrc shutdown

`;

const SYSCTL = `# Prevents SYN DOS attacks. Applies to ipv6 as well, despite name.
net.ipv4.tcp_syncookies = 1

# Prevents ip spoofing.
net.ipv4.conf.default.rp_filter = 1
net.ipv4.conf.all.rp_filter = 1

# Only groups within this id range can use ping.
net.ipv4.ping_group_range=999 59999

# Redirects can potentially be used to maliciously alter hosts
# routing tables.
net.ipv4.conf.all.accept_redirects = 0
net.ipv4.conf.all.secure_redirects = 1
net.ipv6.conf.all.accept_redirects = 0

# The source routing feature includes some known vulnerabilities.
net.ipv4.conf.all.accept_source_route = 0
net.ipv6.conf.all.accept_source_route = 0

# See RFC 1337
net.ipv4.tcp_rfc1337 = 1

## Enable IPv6 Privacy Extensions (see RFC4941 and RFC3041)
net.ipv6.conf.default.use_tempaddr = 2
net.ipv6.conf.all.use_tempaddr = 2

# Restarts computer after 120 seconds after kernel panic
kernel.panic = 120

# Users should not be able to create soft or hard links to files which they do
# not own. This mitigates several privilege escalation vulnerabilities.
fs.protected_hardlinks = 1
fs.protected_symlinks = 1
`;

const CT_LOG_LIST = `# This file specifies the Certificate Transparency logs
# that are to be trusted.

# Google's list of logs can be found here:
#       www.certificate-transparency.org/known-logs
# Chrome's list of logs can be found here:
#       https://www.chromium.org/Home/chromium-security/certificate-transparency/
`;

const NSSWITCH = `# musl itself does not support NSS, however some third-party DNS
# implementations use the nsswitch.conf file to determine what
# policy to follow.
# Editing this file is not recommended.
hosts: files dns
`;

const KEYS = [
  'alpine-devel@lists.alpinelinux.org-4a6a0840.rsa.pub',
  'alpine-devel@lists.alpinelinux.org-5243ef4b.rsa.pub',
  'alpine-devel@lists.alpinelinux.org-5261cecb.rsa.pub',
  'alpine-devel@lists.alpinelinux.org-6165ee59.rsa.pub',
  'alpine-devel@lists.alpinelinux.org-61666e3f.rsa.pub',
];
const ALL_ARCH_KEYS = [
  ...KEYS,
  'alpine-devel@lists.alpinelinux.org-524d27bb.rsa.pub',
  'alpine-devel@lists.alpinelinux.org-58199dcc.rsa.pub',
  'alpine-devel@lists.alpinelinux.org-58cbb476.rsa.pub',
  'alpine-devel@lists.alpinelinux.org-58e4f17d.rsa.pub',
  'alpine-devel@lists.alpinelinux.org-60ac2099.rsa.pub',
  'alpine-devel@lists.alpinelinux.org-616a9724.rsa.pub',
  'alpine-devel@lists.alpinelinux.org-616abc23.rsa.pub',
  'alpine-devel@lists.alpinelinux.org-616ac3bc.rsa.pub',
  'alpine-devel@lists.alpinelinux.org-616adfeb.rsa.pub',
  'alpine-devel@lists.alpinelinux.org-616ae350.rsa.pub',
  'alpine-devel@lists.alpinelinux.org-616db30d.rsa.pub',
  'alpine-devel@lists.alpinelinux.org-66ba20fe.rsa.pub',
].sort();

/** The minirootfs's 14 packages (the Alpine package mirror, scripts/catalog/apk-mirror.ts, serves the same). */
export const PACKAGES: ApkPackage[] = [
  {
    name: 'musl',
    version: '1.2.5-r0',
    description: 'the musl c library (libc) implementation',
    url: 'https://musl.libc.org/',
    license: 'MIT',
    origin: 'musl',
    built: 1712327133,
    provides: 'so:libc.musl-x86_64.so.1=1',
    files: [['/lib/ld-musl-x86_64.so.1', 649560, 0o755]],
    links: [['/lib/libc.musl-x86_64.so.1', 'ld-musl-x86_64.so.1']],
  },
  {
    name: 'busybox',
    version: '1.36.1-r29',
    description: 'Size optimized toolbox of many common UNIX utilities',
    url: 'https://busybox.net/',
    license: 'GPL-2.0-only',
    origin: 'busybox',
    built: 1717091210,
    depends: 'so:libc.musl-x86_64.so.1',
    provides: '/bin/sh cmd:busybox=1.36.1-r29',
    dirs: ['/etc/logrotate.d', '/etc/network/if-down.d', '/etc/network/if-post-down.d', '/etc/network/if-post-up.d', '/etc/network/if-pre-down.d', '/etc/network/if-pre-up.d', '/etc/network/if-up.d', '/etc/udhcpc', '/usr/share/udhcpc', '/var/cache/misc'],
    files: [
      ['/bin/busybox', 808712, 0o755],
      ['/etc/logrotate.d/acpid', '/var/log/acpid.log {\n\tmissingok\n\tnotifempty\n\tsharedscripts\n\tpostrotate\n\t\t/etc/init.d/acpid --ifstarted restart || true\n\tendscript\n}\n'],
      ['/etc/securetty', 'console\ntty1\ntty2\ntty3\ntty4\ntty5\ntty6\ntty7\ntty8\ntty9\ntty10\ntty11\nttyS0\nttyS1\nttyS2\nttyS3\nttyS4\nttyS5\nttyS6\nttyS7\nttyS8\nttyS9\nttyS10\nttyS11\nttyS12\nttyS13\nttyS14\nttyS15\nttyS16\nttyS17\nttyS18\nttyS19\nttyS20\nttyS21\nttyS22\nttyS23\nttyS24\nttyS25\nttyS26\nttyS27\nttyS28\nttyS29\nttyS30\nttyS31\nttyS32\nttyS33\nttyS34\nttyS35\nttyS36\nttyS37\nttyS38\nttyS39\nttyS40\nttyS41\nttyS42\nttyS43\nttyS44\nttyS45\nttyS46\nttyS47\nttyS48\nttyS49\nhvc0\nhvsi0\nhvsi1\nhvsi2\nttyAMA0\nttyAMA1\nttyAMA2\nttyAMA3\n'],
      ['/etc/udhcpc/udhcpc.conf', '# udhcpc configuration\n#RESOLV_CONF="no"\t\t# prevent updating /etc/resolv.conf\n#NO_GATEWAY="eth1"\t# list of ifaces to not configure gateway on\n'],
      ['/etc/busybox-paths.d/busybox', ''],
      ['/usr/share/udhcpc/default.script', 2941, 0o755],
    ],
  },
  {
    name: 'busybox-binsh',
    version: '1.36.1-r29',
    description: 'busybox ash /bin/sh',
    url: 'https://busybox.net/',
    license: 'GPL-2.0-only',
    origin: 'busybox',
    built: 1717091210,
    depends: 'busybox=1.36.1-r29',
    provides: '/bin/sh cmd:sh=1.36.1-r29',
    files: [],
    links: [['/bin/sh', '/bin/busybox']],
  },
  {
    name: 'alpine-baselayout-data',
    version: '3.6.5-r0',
    description: 'Alpine base dir structure and init scripts',
    url: 'https://git.alpinelinux.org/cgit/aports/tree/main/alpine-baselayout',
    license: 'GPL-2.0-only',
    origin: 'alpine-baselayout',
    built: 1714981217,
    listed: ['/etc/protocols', '/etc/services'],
    files: [
      ['/etc/fstab', '/dev/cdrom\t/media/cdrom\tiso9660\tnoauto,ro 0 0\n/dev/usbdisk\t/media/usb\tvfat\tnoauto,ro 0 0\n'],
      ['/etc/group', ALPINE_GROUP],
      ['/etc/hostname', 'localhost\n'],
      ['/etc/hosts', '127.0.0.1\tlocalhost localhost.localdomain\n::1\t\tlocalhost localhost.localdomain\n'],
      ['/etc/inittab', INITTAB],
      ['/etc/modules', 'af_packet\nipv6\n'],
      ['/etc/nsswitch.conf', NSSWITCH],
      ['/etc/passwd', ALPINE_PASSWD],
      ['/etc/profile', PROFILE],
      ['/etc/shadow', ALPINE_SHADOW, 0o640],
      ['/etc/shells', '# valid login shells\n/bin/sh\n/bin/ash\n'],
      ['/etc/sysctl.conf', '# content of this file will override /etc/sysctl.d/*\n'],
    ],
    links: [['/etc/mtab', '../proc/mounts']],
  },
  {
    name: 'alpine-baselayout',
    version: '3.6.5-r0',
    description: 'Alpine base dir structure and init scripts',
    url: 'https://git.alpinelinux.org/cgit/aports/tree/main/alpine-baselayout',
    license: 'GPL-2.0-only',
    origin: 'alpine-baselayout',
    built: 1714981217,
    depends: 'alpine-baselayout-data=3.6.5-r0 /bin/sh',
    dirs: [
      '/dev', '/etc/apk', '/etc/conf.d', '/etc/crontabs', '/etc/init.d', '/etc/modprobe.d', '/etc/modules-load.d', '/etc/network', '/etc/opt', '/etc/periodic/15min', '/etc/periodic/daily', '/etc/periodic/hourly', '/etc/periodic/monthly', '/etc/periodic/weekly', '/etc/profile.d', '/etc/sysctl.d',
      '/home', '/lib/firmware', '/lib/modules-load.d', '/lib/sysctl.d', '/media/cdrom', '/media/floppy', '/media/usb', '/mnt', '/opt', '/proc', '/root', '/run', '/sbin', '/srv', '/sys', '/tmp',
      '/usr/lib/modules-load.d', '/usr/local/bin', '/usr/local/lib', '/usr/local/share', '/usr/sbin', '/usr/share/man', '/usr/share/misc', '/var/cache', '/var/empty', '/var/lib/misc', '/var/local', '/var/lock/subsys', '/var/log', '/var/mail', '/var/opt', '/var/spool/mail', '/var/tmp',
    ],
    files: [
      ['/etc/crontabs/root', '# do daily/weekly/monthly maintenance\n# min\thour\tday\tmonth\tweekday\tcommand\n*/15\t*\t*\t*\t*\trun-parts /etc/periodic/15min\n0\t*\t*\t*\t*\trun-parts /etc/periodic/hourly\n0\t2\t*\t*\t*\trun-parts /etc/periodic/daily\n0\t3\t*\t*\t6\trun-parts /etc/periodic/weekly\n0\t5\t1\t*\t*\trun-parts /etc/periodic/monthly\n\n', 0o600],
      ['/etc/modprobe.d/aliases.conf', '# Aliases to tell insmod/modprobe which modules to use\n\n# Uncomment the network protocols you don\'t want loaded:\n# alias net-pf-1 off\t\t# Unix\n# alias net-pf-2 off\t\t# IPv4\n# alias net-pf-3 off\t\t# Amateur Radio AX.25\n# alias net-pf-4 off\t\t# IPX\n# alias net-pf-5 off\t\t# DDP / appletalk\n# alias net-pf-6 off\t\t# Amateur Radio NET/ROM\n# alias net-pf-9 off\t\t# X.25\n# alias net-pf-10 off\t\t# IPv6\n# alias net-pf-11 off\t\t# ROSE / Amateur Radio X.25 PLP\n# alias net-pf-19 off\t\t# Acorn Econet\n\nalias char-major-10-175\tagpgart\nalias char-major-10-200\ttun\nalias char-major-81\tbttv\nalias char-major-108\tppp_generic\nalias /dev/ppp\t\tppp_generic\nalias tty-ldisc-3\tppp_async\nalias tty-ldisc-14\tppp_synctty\nalias ppp-compress-21\tbsd_comp\nalias ppp-compress-24\tppp_deflate\nalias ppp-compress-26\tppp_deflate\n\n# Crypto modules (see http://www.kerneli.org/)\nalias loop-xfer-gen-0\tloop_gen\nalias loop-xfer-3\tloop_fish2\nalias loop-xfer-gen-10\tloop_gen\nalias cipher-2\t\tdes\nalias cipher-3\t\tfish2\nalias cipher-4\t\tblowfish\nalias cipher-6\t\tidea\nalias cipher-7\t\tserp6f\nalias cipher-8\t\tmars6\nalias cipher-11\t\trc62\nalias cipher-15\t\tdfc2\nalias cipher-16\t\trijndael\nalias cipher-17\t\trc5\n\n# Support for i2c and lm_sensors\nalias char-major-89\ti2c-dev\n'],
      ['/etc/modprobe.d/blacklist.conf', '#\n# Listing a module here prevents modprobe from loading it via modalias (only\n# from hotplug and coldplug). You may still load it explicitly.\n# We blacklist some modules from being loaded by default.\n\n# evbug is a debug tool and should be loaded explicitly\nblacklist evbug\n\n# Autoloading eth1394 most of the time re-orders your network\n# interfaces, and with buggy kernel 2.6.21, udev persistent-net\n# is not able to rename these devices, so you get eth?_rename devices\n# plus an exception from udev\nblacklist eth1394\n\n# Some USB adaptors for serial ports might otherwise be registered as input devices\nblacklist usbkbd\nblacklist usbmouse\n\n# These drivers are very simple, the HID drivers are usually preferred\nblacklist ohci1394\nblacklist video1394\nblacklist dv1394\n\n# This module is replaced by ieee1394 + the appropriate sub-module\nblacklist raw1394\n\n# Causes no end of confusion by creating unexpected network interfaces\nblacklist eth1394\n\n# snd_intel8x0m can interfere with snd_intel8x0, doesn\'t seem to support much\n# hardware on its own (Ubuntu bug #2011, #6810)\nblacklist snd_intel8x0m\n\n# Conflicts with dvb driver (which is better for handling this device)\nblacklist snd_aw2\n\n# Blacklist pcspkr, it is annoying\nblacklist pcspkr\n'],
      ['/etc/modprobe.d/i386.conf', 'alias parport_lowlevel parport_pc\nalias char-major-10-144 nvram\nalias binfmt-0064 binfmt_aout\nalias char-major-10-135 rtc\n'],
      ['/etc/modprobe.d/kms.conf', 'options i915 modeset=1\noptions nouveau modeset=1\noptions radeon modeset=1\noptions amdgpu modeset=1\n'],
      ['/etc/motd', 'Welcome to Alpine!\n\nThe Alpine Wiki contains a large amount of how-to guides and general\ninformation about administrating Alpine systems.\nSee <https://wiki.alpinelinux.org/>.\n\nYou can setup the system with the command: setup-alpine\n\nYou may change this message by editing /etc/motd.\n\n'],
      ['/etc/profile.d/20locale.sh', 'export CHARSET=${CHARSET:-UTF-8}\nexport LANG=${LANG:-C.UTF-8}\nexport LC_COLLATE=${LC_COLLATE:-C}\n'],
      ['/etc/profile.d/README', 'Files with .sh extension in this directory will be sourced by /etc/profile.\nFiles with other extensions, like .disabled, are ignored.\n'],
      ['/etc/profile.d/color_prompt.sh.disabled', '# Setup a red prompt for root and a green one for users.\n# Symlink this file to color_prompt.sh to actually enable it.\nNORMAL="\\[\\e[0m\\]"\nRED="\\[\\e[1;31m\\]"\nGREEN="\\[\\e[1;32m\\]"\nif [ "$USER" = root ]; then\n\tPS1="$RED\\h [$NORMAL\\w$RED]# $NORMAL"\nelse\n\tPS1="$GREEN\\h [$NORMAL\\w$GREEN]\\$ $NORMAL"\nfi\n'],
      ['/lib/sysctl.d/00-alpine.conf', SYSCTL],
    ],
    links: [['/var/run', '../run'], ['/var/spool/cron/crontabs', '../../../etc/crontabs']],
  },
  {
    name: 'alpine-keys',
    version: '2.4-r1',
    description: 'Public keys for Alpine Linux packages',
    url: 'https://alpinelinux.org',
    license: 'MIT',
    origin: 'alpine-keys',
    built: 1711625455,
    files: [...KEYS.map((key): FileSpec => [`/etc/apk/keys/${key}`, 451]), ...ALL_ARCH_KEYS.map((key): FileSpec => [`/usr/share/apk/keys/${key}`, 451])],
  },
  {
    name: 'ca-certificates-bundle',
    version: '20240705-r0',
    description: 'Pre generated bundle of Mozilla certificates',
    url: 'https://www.mozilla.org/en-US/about/governance/policies/security-group/certs/',
    license: 'MPL-2.0 AND MIT',
    origin: 'ca-certificates',
    built: 1720182016,
    provides: 'ca-certificates-cacert=20240705-r0',
    files: [['/etc/ssl/certs/ca-certificates.crt', 219342]],
    links: [['/etc/ssl/cert.pem', 'certs/ca-certificates.crt']],
  },
  {
    name: 'libcrypto3',
    version: '3.3.2-r0',
    description: 'Crypto library from openssl',
    url: 'https://www.openssl.org/',
    license: 'Apache-2.0',
    origin: 'openssl',
    built: 1725362592,
    depends: 'so:libc.musl-x86_64.so.1',
    provides: 'so:libcrypto.so.3=3',
    listed: ['/etc/ssl/openssl.cnf', '/etc/ssl/openssl.cnf.dist', '/etc/ssl/misc/CA.pl', '/etc/ssl/misc/tsget.pl'],
    dirs: ['/etc/ssl/certs', '/etc/ssl/misc', '/etc/ssl/private'],
    files: [
      ['/etc/ssl/ct_log_list.cnf', CT_LOG_LIST],
      ['/etc/ssl/ct_log_list.cnf.dist', CT_LOG_LIST],
      ['/lib/libcrypto.so.3', 4509216, 0o755],
      ['/usr/lib/engines-3/afalg.so', 26096, 0o755],
      ['/usr/lib/engines-3/capi.so', 14160, 0o755],
      ['/usr/lib/engines-3/loader_attic.so', 38832, 0o755],
      ['/usr/lib/engines-3/padlock.so', 14160, 0o755],
      ['/usr/lib/ossl-modules/legacy.so', 141936, 0o755],
    ],
    links: [['/etc/ssl/misc/tsget', 'tsget.pl'], ['/usr/lib/libcrypto.so.3', '../../lib/libcrypto.so.3']],
  },
  {
    name: 'libssl3',
    version: '3.3.2-r0',
    description: 'SSL shared libraries',
    url: 'https://www.openssl.org/',
    license: 'Apache-2.0',
    origin: 'openssl',
    built: 1725362592,
    depends: 'so:libc.musl-x86_64.so.1 so:libcrypto.so.3',
    provides: 'so:libssl.so.3=3',
    files: [['/lib/libssl.so.3', 694488, 0o755]],
    links: [['/usr/lib/libssl.so.3', '../../lib/libssl.so.3']],
  },
  {
    name: 'ssl_client',
    version: '1.36.1-r29',
    description: "EXTERNAL ssl_client for busybox wget",
    url: 'https://busybox.net/',
    license: 'GPL-2.0-only',
    origin: 'busybox',
    built: 1717091210,
    depends: 'so:libc.musl-x86_64.so.1 so:libcrypto.so.3 so:libssl.so.3',
    installIf: 'libssl3 busybox=1.36.1-r29',
    files: [['/usr/bin/ssl_client', 14232, 0o755]],
  },
  {
    name: 'zlib',
    version: '1.3.1-r1',
    description: 'A compression/decompression Library',
    url: 'https://zlib.net/',
    license: 'Zlib',
    origin: 'zlib',
    built: 1716287117,
    depends: 'so:libc.musl-x86_64.so.1',
    provides: 'so:libz.so.1=1.3.1',
    files: [['/lib/libz.so.1.3.1', 100384, 0o755]],
    links: [['/lib/libz.so.1', 'libz.so.1.3.1']],
  },
  {
    name: 'apk-tools',
    version: '2.14.4-r1',
    description: 'Alpine Package Keeper - package manager for alpine',
    url: 'https://gitlab.alpinelinux.org/alpine/apk-tools',
    license: 'GPL-2.0-only',
    origin: 'apk-tools',
    built: 1717770106,
    depends: 'musl>=1.2.3_git20230424 ca-certificates-bundle so:libc.musl-x86_64.so.1 so:libcrypto.so.3 so:libssl.so.3 so:libz.so.1',
    provides: 'so:libapk.so.2.14.0=2.14.0 cmd:apk=2.14.4-r1',
    dirs: ['/etc/apk/keys', '/etc/apk/protected_paths.d', '/lib/apk/exec', '/var/cache/apk'],
    files: [
      ['/lib/libapk.so.2.14.0', 222488, 0o755],
      ['/sbin/apk', 70488, 0o755],
    ],
  },
  {
    name: 'scanelf',
    version: '1.3.7-r2',
    description: 'Scan ELF binaries for stuff',
    url: 'https://wiki.gentoo.org/wiki/Hardened/PaX_Utilities',
    license: 'GPL-2.0-only',
    origin: 'pax-utils',
    built: 1711624908,
    depends: 'so:libc.musl-x86_64.so.1',
    provides: 'cmd:scanelf=1.3.7-r2',
    files: [['/usr/bin/scanelf', 83968, 0o755]],
  },
  {
    name: 'musl-utils',
    version: '1.2.5-r0',
    description: 'the musl c library (libc) implementation',
    url: 'https://musl.libc.org/',
    license: 'MIT AND BSD-2-Clause AND GPL-2.0-or-later',
    origin: 'musl',
    built: 1712327133,
    depends: 'scanelf so:libc.musl-x86_64.so.1',
    provides: 'libc-utils=0.7.2-r5 cmd:getconf=1.2.5-r0 cmd:getent=1.2.5-r0 cmd:iconv=1.2.5-r0 cmd:ldconfig=1.2.5-r0 cmd:ldd=1.2.5-r0',
    files: [
      ['/sbin/ldconfig', '#!/bin/sh\nscanelf -qS "$@"\n', 0o755],
      ['/usr/bin/getconf', 34720, 0o755],
      ['/usr/bin/getent', 47704, 0o755],
      ['/usr/bin/iconv', 22088, 0o755],
    ],
    links: [['/usr/bin/ldd', '/lib/ld-musl-x86_64.so.1']],
  },
];

/** A stable apk "Q1" checksum (base64 of a SHA-1) for a file, seeded by its path. */
export function q1(seed: string): string {
  return `Q1${Buffer.from(sha1(new TextEncoder().encode(`alpine-${ALPINE_VERSION}:${seed}`))).toString('base64')}`;
}

/** A stable stand-in for apk's c: (the aports commit a package was built from). */
export function apkCommit(origin: string, version: string): string {
  return Buffer.from(sha1(new TextEncoder().encode(origin + version))).toString('hex');
}

/** apk's installed database: a stanza per package, its directories (R: files below each F:). */
export function installedDb(extra: readonly ApkPackage[] = []): string {
  const stanzas: string[] = [];
  for (const pkg of [...PACKAGES, ...extra]) {
    const size = pkg.files.reduce((sum, [, content]) => sum + (typeof content === 'number' ? content : Buffer.byteLength(content)), 0);
    const lines = [
      `C:${q1(`${pkg.name}-${pkg.version}`)}`,
      `P:${pkg.name}`,
      `V:${pkg.version}`,
      'A:x86_64',
      `S:${Math.round(size * 0.45) + 4096}`,
      `I:${Math.ceil((size + 4096) / 4096) * 4096}`,
      `T:${pkg.description}`,
      `U:${pkg.url}`,
      `L:${pkg.license}`,
      `o:${pkg.origin}`,
      'm:Natanael Copa <ncopa@alpinelinux.org>',
      `t:${pkg.built}`,
      `c:${apkCommit(pkg.origin, pkg.version)}`,
    ];
    if (pkg.depends) lines.push(`D:${pkg.depends}`);
    if (pkg.provides) lines.push(`p:${pkg.provides}`);
    if (pkg.installIf) lines.push(`i:${pkg.installIf}`);
    const byDir = new Map<string, string[]>();
    for (const dir of pkg.dirs ?? []) byDir.set(dir.slice(1), byDir.get(dir.slice(1)) ?? []);
    for (const path of [...pkg.files.map(([p]) => p), ...(pkg.listed ?? []), ...(pkg.links ?? []).map(([p]) => p)]) {
      const slash = path.lastIndexOf('/');
      const dir = path.slice(1, slash);
      byDir.set(dir, [...(byDir.get(dir) ?? []), path.slice(slash + 1)]);
    }
    for (const [dir, names] of [...byDir].sort(([a], [b]) => (a < b ? -1 : 1))) {
      lines.push(`F:${dir}`);
      for (const name of names.sort()) {
        lines.push(`R:${name}`);
        const spec = pkg.files.find(([p]) => p === `/${dir}/${name}`);
        if (spec?.[2] && spec[2] !== 0o644) lines.push(`a:0:0:${spec[2].toString(8)}`);
        lines.push(`Z:${q1(`/${dir}/${name}`)}`);
      }
    }
    stanzas.push(`${lines.join('\n')}\n`);
  }
  return `${stanzas.join('\n')}\n`;
}

/** The minirootfs tree, as the x86_64 tarball unpacks. */
export async function alpineMinirootfs(): Promise<Tree> {
  const tree = new Tree();
  // Files whose text is the same upstream file Debian ships: netbase's services
  // and protocols, OpenSSL's default configuration and scripts.
  const fromDeb = async (name: string, path: string): Promise<Uint8Array> => {
    const entry = (await readDeb(name)).data.find((e) => e.path === path && e.type === 'file');
    if (!entry?.data) throw new Error(`${name} has no ${path}`);
    return entry.data;
  };
  const netbase = { mtime: 1714981217 };
  tree.file('/etc/protocols', await fromDeb('netbase', '/etc/protocols'), netbase);
  tree.file('/etc/services', await fromDeb('netbase', '/etc/services'), netbase);
  const openssl = { mtime: 1725362592 };
  for (const [path, from, mode] of [
    ['/etc/ssl/openssl.cnf', '/etc/ssl/openssl.cnf', 0o644],
    ['/etc/ssl/openssl.cnf.dist', '/etc/ssl/openssl.cnf', 0o644],
    ['/etc/ssl/misc/CA.pl', '/usr/lib/ssl/misc/CA.pl', 0o755],
    ['/etc/ssl/misc/tsget.pl', '/usr/lib/ssl/misc/tsget.pl', 0o755],
  ] as const) {
    tree.file(path, await fromDeb('openssl', from), { ...openssl, mode });
  }
  const dirOwner = { mtime: ALPINE_EPOCH };
  for (const top of ['/bin', '/dev', '/etc', '/home', '/lib', '/media', '/mnt', '/opt', '/proc', '/root', '/run', '/sbin', '/srv', '/sys', '/tmp', '/usr', '/usr/bin', '/usr/lib', '/usr/local', '/usr/sbin', '/usr/share', '/var']) tree.dir(top, dirOwner);
  for (const pkg of PACKAGES) {
    const owner = { mtime: pkg.built };
    for (const dir of pkg.dirs ?? []) tree.mkdirp(dir, { mode: 0o755, uid: 0, gid: 0, mtime: ALPINE_EPOCH });
    for (const [path, content, mode] of pkg.files) {
      if (typeof content === 'number') tree.sizedFile(path, content, { ...owner, mode: mode ?? 0o644 });
      else tree.file(path, content, { ...owner, mode: mode ?? 0o644 });
    }
    for (const [path, target] of pkg.links ?? []) tree.symlink(path, target, pkg.built);
  }
  // Modes the layout sets.
  tree.dir('/root', { mtime: ALPINE_EPOCH, mode: 0o700 });
  tree.dir('/tmp', { mtime: ALPINE_EPOCH, mode: 0o1777 });
  tree.dir('/var/tmp', { mtime: ALPINE_EPOCH, mode: 0o1777 });
  tree.dir('/proc', { mtime: ALPINE_EPOCH, mode: 0o555 });
  tree.dir('/sys', { mtime: ALPINE_EPOCH, mode: 0o555 });
  tree.dir('/var/empty', { mtime: ALPINE_EPOCH, mode: 0o555 });
  tree.dir('/var/spool/mail', { mtime: ALPINE_EPOCH, mode: 0o775, gid: 12 });
  tree.dir('/var/mail', { mtime: ALPINE_EPOCH, mode: 0o775, gid: 12 });
  tree.dir('/etc/crontabs', { mtime: ALPINE_EPOCH, mode: 0o755 });
  tree.symlink('/var/lock', '../run/lock', ALPINE_EPOCH);
  tree.remove('/var/lock/subsys');
  // busybox's trigger: `busybox --install -s`, one absolute symlink per applet.
  for (const [dir, names] of Object.entries(APPLETS)) for (const name of names) tree.symlink(`${dir}/${name}`, '/bin/busybox', ALPINE_EPOCH);
  // What the release adds: its identity, apk's configuration and database.
  tree.file('/etc/alpine-release', `${ALPINE_VERSION}\n`, { mtime: ALPINE_EPOCH });
  tree.file('/etc/os-release', OS_RELEASE, { mtime: ALPINE_EPOCH });
  tree.file('/etc/issue', 'Welcome to Alpine Linux 3.20\nKernel \\r on an \\m (\\l)\n\n', { mtime: ALPINE_EPOCH });
  tree.file('/etc/secfixes.d/alpine', 'secfixes:\n  3.12.0-r0:\n    - CVE-2019-14697\n', { mtime: ALPINE_EPOCH });
  tree.file('/etc/apk/arch', 'x86_64\n', { mtime: ALPINE_EPOCH });
  tree.file('/etc/apk/repositories', 'https://dl-cdn.alpinelinux.org/alpine/v3.20/main\nhttps://dl-cdn.alpinelinux.org/alpine/v3.20/community\n', { mtime: ALPINE_EPOCH });
  tree.file('/etc/apk/world', 'alpine-baselayout\nalpine-keys\napk-tools\nbusybox\nca-certificates-bundle\nlibc-utils\n', { mtime: ALPINE_EPOCH });
  tree.file('/lib/apk/db/installed', installedDb(), { mtime: ALPINE_EPOCH });
  tree.file('/lib/apk/db/lock', '', { mtime: ALPINE_EPOCH, mode: 0o600 });
  tree.file('/lib/apk/db/scripts.tar', '', { mtime: ALPINE_EPOCH });
  tree.file('/lib/apk/db/triggers', 'Q1' + 'Nh5zvQKSmmQTGfKX4pJeTuwBKo4= /usr/share/man\n', { mtime: ALPINE_EPOCH });
  tree.clampMtimes(ALPINE_EPOCH);
  return tree;
}

/** /lib/apk/db/installed and world after `apk add` of more packages (files given as [path, size, mode]). */
export function apkAdd(tree: Tree, extra: readonly ApkPackage[], world: readonly string[], epoch: number): void {
  for (const pkg of extra) {
    for (const [path, content, mode] of pkg.files) {
      if (typeof content === 'number') tree.sizedFile(path, content, { mtime: Math.min(pkg.built, epoch), mode: mode ?? 0o644 });
      else tree.file(path, content, { mtime: Math.min(pkg.built, epoch), mode: mode ?? 0o644 });
    }
    for (const [path, target] of pkg.links ?? []) tree.symlink(path, target, Math.min(pkg.built, epoch));
  }
  tree.file('/lib/apk/db/installed', installedDb(extra), { mtime: epoch });
  tree.file('/lib/apk/db/scripts.tar', '', { mtime: epoch });
  const base = ['alpine-baselayout', 'alpine-keys', 'apk-tools', 'busybox', 'ca-certificates-bundle', 'libc-utils'];
  tree.file('/etc/apk/world', `${[...new Set([...base, ...world])].sort().join('\n')}\n`, { mtime: epoch });
}

/** apk's database is text a learner reads with cat; keep it with the /etc files. */
export function alpineTextPolicy(path: string, size: number): boolean {
  if (path === '/lib/apk/db/installed' || path === '/lib/apk/db/triggers' || path.startsWith('/lib/sysctl.d/')) return true;
  return size <= 16 * 1024 && !/\.(asc|gpg|pem|crt|pub)$/.test(path) && path.startsWith('/etc/');
}
