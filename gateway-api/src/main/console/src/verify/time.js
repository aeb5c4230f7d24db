// ISO-8601 parsing as java.time does it (Instant.parse, LocalDate.parse), strict about invalid dates.

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;
const DAY_MS = 86400000;

function validDate(y, m, d) {
  if (m < 1 || m > 12 || d < 1) return false;
  const dim = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= dim[m - 1];
}

/** Days since 1970-01-01 of a yyyy-MM-dd date (LocalDate.parse + toEpochDay). */
export function epochDay(s) {
  const m = typeof s === 'string' ? DATE_RE.exec(s) : null;
  if (!m || !validDate(+m[1], +m[2], +m[3])) throw new Error(`not a date: ${s}`);
  return Date.UTC(+m[1], +m[2] - 1, +m[3]) / DAY_MS;
}

/** An instant as {epochMs, nanos} (nanos of the second), from Instant.toString() form. */
export function parseInstant(s) {
  const m = typeof s === 'string' ? INSTANT_RE.exec(s) : null;
  if (!m || !validDate(+m[1], +m[2], +m[3]) || +m[4] > 23 || +m[5] > 59 || +m[6] > 59) {
    throw new Error(`not an instant: ${s}`);
  }
  let offsetMin = 0;
  if (m[8] !== 'Z') {
    const sign = m[8][0] === '-' ? -1 : 1;
    offsetMin = sign * (+m[8].slice(1, 3) * 60 + +m[8].slice(4, 6));
  }
  const nanos = m[7] ? +m[7].padEnd(9, '0') : 0;
  const secondsMs = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) - offsetMin * 60000;
  return { epochSecond: secondsMs / 1000, nanos };
}

export function sameInstant(a, b) {
  return a.epochSecond === b.epochSecond && a.nanos === b.nanos;
}

/** The calendar date in China Standard Time (UTC+8) of an epoch second, as yyyy-MM-dd. */
export function cstDate(epochSecond) {
  const d = new Date((epochSecond + 8 * 3600) * 1000);
  return d.toISOString().slice(0, 10);
}

export function instantString(epochSecond, nanos) {
  const iso = new Date(epochSecond * 1000).toISOString().slice(0, 19);
  if (nanos === 0) return iso + 'Z';
  let f = String(nanos).padStart(9, '0');
  f = f.length && f.endsWith('000000') ? f.slice(0, 3) : f.endsWith('000') ? f.slice(0, 6) : f;
  return `${iso}.${f}Z`;
}
