/**
 * What the klist specs share: the parser read through the command line's
 * JSON contract (ISO times), the recorded fixtures and the shape check.
 */
import {
  IKlistContract,
  klistContract,
  parseKlist as parseToMs
} from '../../src/core/klist/parse';
import {
  isoUtc,
  parseHeimdalTime as heimdalMs,
  parseMitTime as mitMs
} from '../../src/core/klist/time';

// Expectations are written as the command line's JSON writes times.
export const parseKlist = (text: string, now: Date): IKlistContract =>
  klistContract(parseToMs(text, now));
const asIso = (ms: number | null): string | null =>
  ms === null ? null : isoUtc(ms);
export const parseMitTime = (text: string) => asIso(mitMs(text));
export const parseHeimdalTime = (text: string) => asIso(heimdalMs(text));
import {
  IFixture,
  ownKrb5Fixtures,
  sharedKrb5Fixtures
} from '../fixtures/load';

export const RUNS = Number(process.env.FC_NUM_RUNS ?? '300');
export const OWN = ownKrb5Fixtures();
export const SHARED = sharedKrb5Fixtures();
const byName = (list: IFixture[], name: string): string => {
  const f = list.find(x => x.name === name);
  if (!f) {
    throw new Error(`no fixture ${name}`);
  }
  return f.text;
};
export const own = (name: string): string => byName(OWN, name);
// The captured fixtures were recorded on 2026-11-25 around 17:15 UTC; the literal
// times below are theirs (recapturing means updating them).
export const NOW = new Date('2026-11-25T17:30:00Z');
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

export function checkShape(r: IKlistContract, now: Date): void {
  expect(Object.keys(r).sort()).toEqual(
    ['cache', 'defaultPrincipal', 'error', 'flavor', 'tickets'].sort()
  );
  for (const t of r.tickets) {
    expect(Object.keys(t).sort()).toEqual(
      ['expired', 'expires', 'flags', 'renewUntil', 'server', 'start'].sort()
    );
    expect(t.server).toMatch(/^\S(.*\S)?$/);
    [t.start, t.expires, t.renewUntil].forEach(
      v => v === null || expect(v).toMatch(ISO)
    );
    expect(t.expired).toBe(
      t.expires === null || Date.parse(t.expires) <= now.getTime()
    );
  }
}
