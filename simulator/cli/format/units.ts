/**
 * Ports of the small formatting helpers behind nearly every number and time
 * the Docker CLI prints: docker/go-units (HumanSize, HumanSizeWithPrecision,
 * BytesSize, HumanDuration), moby's stringid.TruncateID and the daemon's
 * container State.String(). Learners compare these strings with what a real
 * terminal shows, so the port keeps Go's exact arithmetic, including the
 * quirks: %g switching to exponent form (`1e+03MB`), round-half-to-even on
 * exactly representable ties (`13.25` with 3 digits is `13.2`), and integer
 * truncation in the duration thresholds.
 */

const DECIMAL_UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'] as const;
const BINARY_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'] as const;

/**
 * Go's zero `time.Time` (0001-01-01T00:00:00Z) as Unix milliseconds. The CLI
 * tests `IsZero()` against this instant, not against the Unix epoch, so an
 * image whose config says `"created": "0001-01-01T00:00:00Z"` shows `N/A`
 * while one created at 1970-01-01 shows "56 years ago".
 */
export const GO_ZERO_TIME_MS = -62_135_596_800_000;

/**
 * A size with a decimal unit and `precision` significant digits, as go-units'
 * HumanSizeWithPrecision: `fmt.Sprintf("%.*g%s", precision, size, unit)`.
 * `docker images` and `docker ps -s` use precision 3 (`77.8MB`, `1.02GB`).
 */
export function humanSizeWithPrecision(size: number, precision: number): string {
  const [scaled, unit] = sizeAndUnit(size, 1000, DECIMAL_UNITS);
  return formatFloatG(scaled, precision) + unit;
}

/** go-units HumanSize: 4 significant digits (`system df`, `image prune`, pull progress). */
export function humanSize(size: number): string {
  return humanSizeWithPrecision(size, 4);
}

/**
 * go-units BytesSize: binary units with 4 significant digits (`7.667GiB`).
 * The CLI uses it for `docker info`'s "Total Memory" and for the MEM USAGE /
 * LIMIT column of `docker stats`.
 */
export function bytesSize(size: number): string {
  const [scaled, unit] = sizeAndUnit(size, 1024, BINARY_UNITS);
  return formatFloatG(scaled, 4) + unit;
}

/**
 * go-units getSizeAndUnit. It divides step by step while the size is at least
 * one base, stopping at the largest unit; dividing by 1000^k in one go would
 * round differently, and clamping at YB is what gives `1e+04YB`.
 */
function sizeAndUnit(size: number, base: number, units: readonly string[]): [number, string] {
  let i = 0;
  const unitsLimit = units.length - 1;
  while (size >= base && i < unitsLimit) {
    size = size / base;
    i++;
  }
  return [size, units[i] ?? ''];
}

/**
 * A decimal digit string with the point placed `dp` digits from its start:
 * value = 0.d1d2d3… × 10^dp, as in Go's strconv. `digits` never has leading or
 * trailing zeros; zero is the empty string.
 */
interface Decimal {
  digits: string;
  dp: number;
}

/**
 * Go's `fmt.Sprintf("%.*g", precision, value)` for a float64.
 *
 * JavaScript's toPrecision is not a substitute: it rounds exact ties up where
 * Go rounds them to even, always uses exponent form past the precision with
 * a one-digit exponent (`1.00e+3`), and keeps trailing zeros that %g drops.
 * So this follows strconv.FormatFloat(v, 'g', prec, 64): round the exact
 * binary value to `precision` significant digits (half to even), drop
 * trailing zeros, then pick %e when the exponent is < -4 or >= the precision.
 * A negative precision means "unset", as fmt treats `%.*g` with a negative
 * argument: the shortest digits that round-trip, with %e from exponent 6 on.
 */
export function formatFloatG(value: number, precision: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  const negative = value < 0 || Object.is(value, -0);
  const magnitude = Math.abs(value);

  let prec = Math.trunc(precision);
  const shortest = !(prec >= 0);
  let decimal: Decimal;
  if (shortest) {
    decimal = shortestDecimal(magnitude);
    prec = decimal.digits.length;
  } else {
    if (prec === 0) prec = 1;
    decimal = roundHalfEven(exactDecimal(magnitude), prec);
  }

  const nd = decimal.digits.length;
  let eprec = prec;
  if (eprec > nd && nd >= decimal.dp) eprec = nd;
  // %e is used if the exponent from the conversion is less than -4 or greater
  // than or equal to the precision; shortest formatting decides with 6.
  if (shortest) eprec = 6;
  const exp = decimal.dp - 1;
  const body =
    exp < -4 || exp >= eprec
      ? formatE(decimal, Math.min(prec, nd) - 1)
      : formatF(decimal, Math.max((prec > decimal.dp ? nd : prec) - decimal.dp, 0));
  return (negative ? '-' : '') + body;
}

/**
 * Every finite double is mant × 2^exp with integer mant, so its decimal
 * expansion is finite; BigInt gives all of it, which is what rounding ties
 * correctly needs (Go's ryu and big-decimal paths both round the exact value).
 */
function exactDecimal(value: number): Decimal {
  if (value === 0) return { digits: '', dp: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const high = view.getUint32(0);
  const low = view.getUint32(4);
  const biasedExp = (high >>> 20) & 0x7ff;
  let mant = (BigInt(high & 0xfffff) << 32n) | BigInt(low);
  let exp = -1074;
  if (biasedExp !== 0) {
    mant |= 1n << 52n;
    exp = biasedExp - 1075;
  }
  if (exp >= 0) {
    const digits = (mant << BigInt(exp)).toString();
    return trimZeros({ digits, dp: digits.length });
  }
  // mant / 2^k = mant × 5^k / 10^k
  const digits = (mant * 5n ** BigInt(-exp)).toString();
  return trimZeros({ digits, dp: digits.length + exp });
}

/** The shortest round-tripping digits, which JavaScript and Go agree on. */
function shortestDecimal(value: number): Decimal {
  if (value === 0) return { digits: '', dp: 0 };
  const [mantissa = '', exponent = '0'] = value.toExponential().split('e');
  return trimZeros({ digits: mantissa.replace('.', ''), dp: Number(exponent) + 1 });
}

/** strconv's decimal.Round: keep `nd` digits, ties to even, then trim zeros. */
function roundHalfEven(decimal: Decimal, nd: number): Decimal {
  const { digits, dp } = decimal;
  if (nd >= digits.length) return decimal;
  const next = digits.charCodeAt(nd) - 48;
  let up: boolean;
  if (next !== 5) {
    up = next > 5;
  } else if (nd + 1 < digits.length) {
    // Digits are trimmed, so anything after the 5 is non-zero: above half.
    up = true;
  } else {
    up = nd > 0 && (digits.charCodeAt(nd - 1) - 48) % 2 === 1;
  }
  const head = digits.slice(0, nd);
  if (!up) return trimZeros({ digits: head, dp });
  let i = nd - 1;
  while (i >= 0 && head[i] === '9') i--;
  if (i < 0) return { digits: '1', dp: dp + 1 };
  // The 9s after position i become zeros, which trimming would drop anyway.
  return { digits: head.slice(0, i) + String.fromCharCode(head.charCodeAt(i) + 1), dp };
}

function trimZeros(decimal: Decimal): Decimal {
  const digits = decimal.digits.replace(/0+$/, '');
  return digits === '' ? { digits: '', dp: 0 } : { digits, dp: decimal.dp };
}

/** strconv fmtE: d.ddd with `prec` fraction digits, then e±dd (at least two exponent digits). */
function formatE(decimal: Decimal, prec: number): string {
  const { digits } = decimal;
  let out = digits[0] ?? '0';
  if (prec > 0) {
    out += '.' + digits.slice(1, Math.min(digits.length, prec + 1)).padEnd(prec, '0');
  }
  const exp = digits.length === 0 ? 0 : decimal.dp - 1;
  return out + 'e' + (exp < 0 ? '-' : '+') + String(Math.abs(exp)).padStart(2, '0');
}

/** strconv fmtF: the integer part padded with zeros, then `prec` fraction digits. */
function formatF(decimal: Decimal, prec: number): string {
  const { digits, dp } = decimal;
  let out = dp > 0 ? digits.slice(0, dp).padEnd(dp, '0') : '0';
  if (prec > 0) {
    let fraction = '';
    for (let i = 1; i <= prec; i++) {
      const j = dp + i - 1;
      fraction += j >= 0 && j < digits.length ? digits[j] : '0';
    }
    out += '.' + fraction;
  }
  return out;
}

const MS_PER_SECOND = 1000;
const MS_PER_MINUTE = 60 * MS_PER_SECOND;
const MS_PER_HOUR = 60 * MS_PER_MINUTE;

/**
 * go-units HumanDuration for a duration in milliseconds: "Less than a second",
 * "About a minute", "3 hours", "2 weeks"… Go truncates seconds and minutes but
 * rounds hours (`int(d.Hours() + 0.5)`), so 1h29m is still "About an hour" and
 * 1h31m is "2 hours"; days, weeks and months are integer divisions of those
 * rounded hours, and years use the truncated hours.
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / MS_PER_SECOND);
  if (!(seconds >= 1)) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.trunc(ms / MS_PER_MINUTE);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  // time.Duration.Hours() is whole hours plus the remainder as a fraction.
  const wholeHours = Math.trunc(ms / MS_PER_HOUR);
  const exactHours = wholeHours + (ms - wholeHours * MS_PER_HOUR) / MS_PER_HOUR;
  const hours = Math.trunc(exactHours + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
  return `${Math.trunc(Math.trunc(Math.trunc(exactHours) / 24) / 365)} years`;
}

/**
 * The CLI's CreatedSince (formatter/image.go): `HumanDuration(now - created) +
 * " ago"`, or "" when the created time is Go's zero time; the images table
 * turns "" into `N/A` with `{{if .CreatedSince}}…{{else}}N/A{{end}}`.
 *
 * The API carries Created as whole Unix seconds (`time.Unix(Created, 0)`), so
 * the creation time is floored to a second before subtracting; that is why a
 * just-built image can read "1 second ago" after 0.6s. Only GO_ZERO_TIME_MS
 * counts as unset: a config without `created` reaches the CLI as Unix 0 and
 * prints "N years ago", as real Docker does for such images.
 */
export function createdSince(createdMs: number, nowMs: number): string {
  const createdSeconds = Math.floor(createdMs / MS_PER_SECOND);
  if (createdSeconds === GO_ZERO_TIME_MS / MS_PER_SECOND) return '';
  return humanDuration(nowMs - createdSeconds * MS_PER_SECOND) + ' ago';
}

/**
 * stringid.TruncateID: drop everything up to and including the first ':'
 * (the `sha256:` of a digest), then keep at most 12 characters.
 */
export function truncateId(id: string): string {
  const colon = id.indexOf(':');
  const bare = colon >= 0 ? id.slice(colon + 1) : id;
  return bare.length > 12 ? bare.slice(0, 12) : bare;
}

/** What containerStatusText needs of a container's state. */
export interface ContainerStatusInput {
  /**
   * The API's State.Status. moby keeps Running/Paused/Restarting/
   * RemovalInProgress/Dead flags; this selects them. For 'created' and
   * 'exited' moby decides from the timestamps alone, and so does this port.
   */
  status: 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';
  /** Unix ms of the last start; 0 (or GO_ZERO_TIME_MS) means never started. */
  startedAt: number;
  /** Unix ms of the last exit; 0 (or GO_ZERO_TIME_MS) means never exited. */
  finishedAt: number;
  exitCode: number;
  /** Present only when the container has a healthcheck. */
  health?: 'starting' | 'healthy' | 'unhealthy';
}

/**
 * The STATUS column of `docker ps`, which the daemon computes, not the CLI
 * (moby daemon/container/state.go State.String()): "Up 2 minutes",
 * "Up About a minute (Paused)", "Up 3 hours (healthy)",
 * "Restarting (1) 5 seconds ago", "Exited (0) 6 seconds ago", "Created",
 * "Dead", "Removal In Progress". Paused and restarting are checked before
 * health, so a paused container never shows its health.
 */
export function containerStatusText(state: ContainerStatusInput, now: number): string {
  switch (state.status) {
    case 'paused':
      return `Up ${humanDuration(now - state.startedAt)} (Paused)`;
    case 'restarting':
      return `Restarting (${state.exitCode}) ${humanDuration(now - state.finishedAt)} ago`;
    case 'running': {
      const up = `Up ${humanDuration(now - state.startedAt)}`;
      if (state.health === undefined) return up;
      // Health.String(): only "starting" needs the "health: " prefix to make sense.
      return `${up} (${state.health === 'starting' ? 'health: starting' : state.health})`;
    }
    case 'removing':
      return 'Removal In Progress';
    case 'dead':
      return 'Dead';
    case 'created':
    case 'exited':
      if (isZeroTime(state.startedAt)) return 'Created';
      if (isZeroTime(state.finishedAt)) return '';
      return `Exited (${state.exitCode}) ${humanDuration(now - state.finishedAt)} ago`;
  }
}

function isZeroTime(ms: number): boolean {
  return ms === 0 || ms === GO_ZERO_TIME_MS;
}
