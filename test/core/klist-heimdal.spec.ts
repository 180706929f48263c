import fc from 'fast-check';

import { sharedAvailable } from '../fixtures/load';
import {
  IGenTicket,
  iso,
  principal,
  renderHeimdal,
  renderMit,
  ticketArb
} from './klist-render';
import { NOW, RUNS, checkShape, own, parseKlist } from './klist-expect';

describe('Heimdal layouts', () => {
  it('>>>Expired<<< gives expires null, expired true; Flags column', () => {
    const r = parseKlist(own('heimdal-klist-f-expired'), NOW);
    expect(r.tickets).toEqual([
      {
        server: 'krbtgt/EC2.INTERNAL@EC2.INTERNAL',
        start: '2026-11-25T17:15:41Z',
        expires: null,
        renewUntil: null,
        flags: 'RI',
        expired: true
      },
      {
        server: 'HTTP/livy-nlb.example.test@EC2.INTERNAL',
        start: '2026-11-25T17:15:41Z',
        expires: null,
        renewUntil: null,
        flags: 'RT',
        expired: true
      }
    ]);
  });

  it('-v blocks, --json and the JSON of an expired cache', () => {
    const v = parseKlist(own('heimdal-klist-v-renew'), NOW);
    expect(v.tickets[0]).toEqual({
      server: 'krbtgt/EC2.INTERNAL@EC2.INTERNAL',
      start: '2026-11-25T17:15:41Z',
      expires: '2026-11-26T17:15:41Z',
      renewUntil: '2026-12-02T17:15:41Z',
      flags: 'RI',
      expired: false
    });
    const j = parseKlist(own('heimdal-klist-json-renew'), NOW);
    expect(j.tickets.map(x => x.server)).toEqual(v.tickets.map(x => x.server));
    expect([j.flavor, j.cache, j.defaultPrincipal]).toEqual([
      v.flavor,
      v.cache,
      v.defaultPrincipal
    ]);
    const e = parseKlist(own('heimdal-klist-json-expired'), NOW);
    expect(e.tickets.every(x => x.expires === null && x.expired)).toBe(true);
    expect(parseKlist('{}', NOW).error).toBe('NO_CREDENTIALS');
  });

  it('--hidden: cache configuration entries are no tickets', () => {
    const f = parseKlist(own('heimdal-klist-hidden-f'), NOW);
    expect(f.tickets.map(x => [x.server, x.flags])).toEqual([
      ['krbtgt/EC2.INTERNAL@EC2.INTERNAL', 'RI'],
      ['HTTP/livy-nlb.example.test@EC2.INTERNAL', 'RT'],
      ['livy/ip-10-0-0-1.ec2.internal@EC2.INTERNAL', 'RT'],
      ['svc1/ip-10-0-0-1.ec2.internal@EC2.INTERNAL', 'RT']
    ]);
    const v = parseKlist(own('heimdal-klist-hidden-v'), NOW);
    expect(v.tickets.map(x => [x.server, x.flags])).toEqual([
      ['krbtgt/EC2.INTERNAL@EC2.INTERNAL', 'I'],
      ['HTTP/livy-nlb.example.test@', 'T']
    ]);
  });

  it('-l gives the starred cache', () => {
    const r = parseKlist(own('heimdal-klist-l'), NOW);
    expect([r.flavor, r.cache, r.defaultPrincipal]).toEqual([
      'heimdal',
      'FILE:/tmp/klistcap/cc/renew',
      'user1@EC2.INTERNAL'
    ]);
  });
});

describe('layouts written by the klist.c printf rules (property)', () => {
  const expected = (
    tickets: IGenTicket[],
    flags: boolean,
    now: number,
    heimdal: boolean
  ) =>
    tickets.map(t => {
      const expires = heimdal && t.end <= now ? null : iso(t.end);
      return {
        server: heimdal ? t.server : t.server,
        start: iso(t.start),
        expires,
        renewUntil: heimdal ? null : iso(t.renewTill),
        flags: flags && t.flags !== '' ? t.flags : null,
        expired: expires === null || t.end <= now
      };
    });

  it('MIT: -f, -e, -a, renewable, for client, referrals', () => {
    fc.assert(
      fc.property(
        principal,
        fc.array(ticketArb('FfPpDdiRIHATOa', true), { maxLength: 6 }),
        fc.record({
          flags: fc.boolean(),
          etypes: fc.boolean(),
          addresses: fc.boolean()
        }),
        fc.integer({ min: 0, max: 3124223999 }),
        (def, tickets, o, now) => {
          const text = renderMit('FILE:/tmp/krb5cc_1000', def, tickets, o);
          const r = parseKlist(text, new Date(now * 1000));
          expect(r).toEqual({
            flavor: 'mit',
            cache: 'FILE:/tmp/krb5cc_1000',
            defaultPrincipal: def,
            tickets: expected(tickets, o.flags, now, false),
            error: null
          });
        }
      ),
      { numRuns: RUNS }
    );
  });

  it('Heimdal: table with and without Flags, expired markers', () => {
    fc.assert(
      fc.property(
        principal,
        fc.array(ticketArb('FfPpDdRIiAHTOa', false), { maxLength: 6 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 3124223999 }),
        (def, tickets, flags, now) => {
          const text = renderHeimdal(
            'FILE:/tmp/krb5cc_1000',
            def,
            tickets,
            flags,
            now
          );
          const r = parseKlist(text, new Date(now * 1000));
          expect(r.flavor).toBe('heimdal');
          expect(r.defaultPrincipal).toBe(def);
          expect(r.tickets).toEqual(expected(tickets, flags, now, true));
        }
      ),
      { numRuns: RUNS }
    );
  });

  it('never throws and always returns the contract shape', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme-ascii', maxLength: 400 }),
        text => {
          checkShape(parseKlist(text, NOW), NOW);
        }
      ),
      { numRuns: RUNS }
    );
  });
});

it('shared fixtures are read from ../shared (fails under CI when absent)', () => {
  expect(typeof sharedAvailable()).toBe('boolean');
});
