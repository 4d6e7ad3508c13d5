/** Go's time.RFC3339Nano in UTC: fractional seconds without trailing zeros, none at all when whole. */
export function rfc3339Nano(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d*?)0*Z$/, (_, digits: string) => (digits ? `.${digits}Z` : 'Z'));
}
