/**
 * Calendar arithmetic on ISO dates (`YYYY-MM-DD`), in UTC days. Pure: `Date.UTC` converts, it reads no clock.
 */
import type { IsoDate } from '../model.ts';

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of an ISO date. */
export function toDay(d: IsoDate): number {
  return Math.round(Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / MS_PER_DAY);
}

export function fromDay(n: number): IsoDate {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(d: IsoDate, days: number): IsoDate {
  return fromDay(toDay(d) + days);
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return toDay(a) - toDay(b);
}
