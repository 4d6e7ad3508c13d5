/** Go's time.Time.String() in UTC (`2021-03-04 03:24:42 +0000 UTC`), the CreatedAt of docker/cli's listings. */
export function goTimeString(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' +0000 UTC');
}

/** Go's time.RFC3339Nano in UTC: fractional seconds without trailing zeros, none at all when whole. */
export function rfc3339Nano(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d*?)0*Z$/, (_, digits: string) => (digits ? `.${digits}Z` : 'Z'));
}
