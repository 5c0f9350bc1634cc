// Dates as the secretary means them: the calendar day on this computer's clock. (`toISOString()` is
// UTC, so in China it gives yesterday's date until 08:00.)

/** Today's local date as YYYY-MM-DD. */
export function today(now = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
