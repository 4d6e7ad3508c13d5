/** A user as a container's /etc/passwd knows them (or as Docker runs a number it does not). */
export interface Account {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

/**
 * Who a container's process runs as, from its config's User (`name`,
 * `uid`, `name:group`, `uid:gid`) and the container's /etc/passwd, as runc
 * resolves it. Empty means root.
 */
export function accountOf(files: { read(path: string): string | undefined }, user: string): Account {
  const [who = '', group] = user.split(':');
  const passwd = (files.read('/etc/passwd') ?? '').split('\n').map((line) => line.split(':'));
  const byName = who === '' ? passwd.find((fields) => fields[2] === '0') : passwd.find((fields) => fields[0] === who || fields[2] === who);
  const uid = byName ? Number(byName[2]) : /^\d+$/.test(who) ? Number(who) : 0;
  const gid = group !== undefined && /^\d+$/.test(group) ? Number(group) : byName ? Number(byName[3]) : uid;
  return { name: byName?.[0] ?? (who === '' ? 'root' : who), uid, gid, home: byName?.[5] ?? (uid === 0 ? '/root' : '/') };
}

/** Names by number from /etc/passwd or /etc/group text (`name:x:number:…`); the first entry for a number wins, as getpwuid finds it. */
export function namesById(text: string | undefined): Map<number, string> {
  const names = new Map<number, string>();
  for (const fields of (text ?? '').split('\n').map((line) => line.split(':'))) {
    if (fields[0] && fields[2] && !names.has(Number(fields[2]))) names.set(Number(fields[2]), fields[0]);
  }
  return names;
}
