import { explain } from '../../src/core/explain/explain';
import { parseKlist as parseToMs } from '../../src/core/klist/parse';

import { IFixture, isKlistFixture } from '../fixtures/load';
import {
  NOW,
  OWN,
  SHARED,
  checkShape,
  own,
  parseHeimdalTime,
  parseKlist,
  parseMitTime
} from './klist-expect';

describe.each([
  ['own', OWN],
  ['shared', SHARED]
])('every recorded output (%s)', (_set, list) => {
  const cases = list.map(f => [f.name, f] as [string, IFixture]);
  if (cases.length === 0) {
    it.skip('../shared/fixtures/krb5 is not beside the clone', () => undefined);
    return;
  }
  it.each(cases)('%s', (_name, f) => {
    const r = parseKlist(f.text, NOW);
    checkShape(r, NOW);
    if (isKlistFixture(f) && f.text.trim() !== '') {
      expect(r.flavor).toBe(f.name.startsWith('heimdal') ? 'heimdal' : 'mit');
    }
    if (isKlistFixture(f) && f.rc === 0) {
      expect(r.error).toBeNull();
    }
    if (f.rc !== 0 && f.expect !== null) {
      expect(r.error).toBe(f.expect);
      expect(r.error).toBe(explain(f.text).code);
    }
    expect(parseKlist(f.text.replace(/\n/g, '\r\n'), NOW)).toEqual(r);
    // The parser's own form, read by the status bar: epoch milliseconds.
    for (const t of parseToMs(f.text, NOW).tickets) {
      for (const v of [t.start, t.expires, t.renewUntil]) {
        expect(v === null || Number.isInteger(v)).toBe(true);
      }
    }
  });
});

describe('MIT layouts', () => {
  const t = (
    server: string,
    flags: string | null,
    renew: string | null = null
  ) => ({
    server,
    start: '2026-11-25T17:15:41Z',
    expires: '2026-11-26T17:15:41Z',
    renewUntil: renew,
    flags,
    expired: false
  });

  it('renew until and Flags packed on one line, Etype on the next', () => {
    const r = parseKlist(own('mit-klist-fea-renew'), NOW);
    expect(r).toEqual({
      flavor: 'mit',
      cache: 'FILE:/tmp/klistcap/cc/renew',
      defaultPrincipal: 'user1@EC2.INTERNAL',
      tickets: [
        t('krbtgt/EC2.INTERNAL@EC2.INTERNAL', 'RI', '2026-12-02T17:15:41Z'),
        t(
          'HTTP/livy-nlb.example.test@EC2.INTERNAL',
          'RT',
          '2026-12-02T17:15:41Z'
        ),
        t(
          'livy/ip-10-0-0-1.ec2.internal@EC2.INTERNAL',
          'RT',
          '2026-12-02T17:15:41Z'
        ),
        t(
          'svc1/ip-10-0-0-1.ec2.internal@EC2.INTERNAL',
          'RT',
          '2026-12-02T17:15:41Z'
        )
      ],
      error: null
    });
    expect(parseKlist(own('mit-klist-e-renew'), NOW).tickets[0]).toEqual(
      t('krbtgt/EC2.INTERNAL@EC2.INTERNAL', null, '2026-12-02T17:15:41Z')
    );
  });

  it('a referral entry reports the real ticket server', () => {
    for (const name of ['mit-klist-f-referral', 'mit-klist-Cfea-referral']) {
      expect(parseKlist(own(name), NOW).tickets).toEqual([
        t('krbtgt/EC2.INTERNAL@EC2.INTERNAL', 'I'),
        t('HTTP/livy-nlb.example.test@EC2.INTERNAL', 'T')
      ]);
    }
  });

  it('a for client line does not change the server', () => {
    expect(parseKlist(own('mit-klist-fe-s4u'), NOW).tickets).toEqual([
      t('krbtgt/EC2.INTERNAL@EC2.INTERNAL', 'I'),
      t('HTTP/livy-nlb.example.test@EC2.INTERNAL', 'T')
    ]);
    expect(parseKlist(own('mit-klist-s4u'), NOW).tickets[1]).toEqual(
      t('HTTP/livy-nlb.example.test@EC2.INTERNAL', null)
    );
  });

  it('klist -A reports the default (first) cache only', () => {
    const r = parseKlist(own('mit-klist-A-dir'), NOW);
    expect(r.cache).toBe('DIR::/tmp/klistcap/cc/col/tktUdHyBv');
    expect(r.defaultPrincipal).toBe('user2@EC2.INTERNAL');
    expect(r.tickets).toHaveLength(1);
  });

  it('klist -l gives the primary cache, klist -k no tickets', () => {
    const l = parseKlist(own('mit-klist-l-dir'), NOW);
    expect([l.cache, l.defaultPrincipal, l.tickets]).toEqual([
      'DIR::/tmp/klistcap/cc/col/tktUdHyBv',
      'user2@EC2.INTERNAL',
      []
    ]);
    const k = parseKlist(own('mit-klist-kte'), NOW);
    expect([k.flavor, k.cache, k.tickets, k.error]).toEqual([
      'mit',
      null,
      [],
      null
    ]);
  });

  it('no marker for expired tickets: compared with now', () => {
    const r = parseKlist(own('mit-klist-expired'), NOW);
    expect(r.tickets.map(x => [x.expires, x.expired])).toEqual([
      ['2026-11-25T17:15:51Z', true],
      ['2026-11-25T17:15:51Z', true]
    ]);
    const before = parseKlist(
      own('mit-klist-expired'),
      new Date('2026-11-25T17:15:50Z')
    );
    expect(before.tickets.every(x => !x.expired)).toBe(true);
    const at = parseKlist(
      own('mit-klist-expired'),
      new Date('2026-11-25T17:15:51Z')
    );
    expect(at.tickets.every(x => x.expired)).toBe(true);
  });

  it('no cache, bad krb5.conf, klist -s', () => {
    expect(parseKlist(own('mit-klist-nocache'), NOW)).toEqual({
      flavor: 'mit',
      cache: null,
      defaultPrincipal: null,
      tickets: [],
      error: 'NO_CREDENTIALS'
    });
    expect(parseKlist(own('mit-klist-conf-syntax'), NOW).error).toBe(
      'CONFIG_SYNTAX'
    );
    expect(parseKlist('', NOW)).toEqual({
      flavor: null,
      cache: null,
      defaultPrincipal: null,
      tickets: [],
      error: null
    });
  });

  it('two-digit years follow the POSIX pivot; other C-locale-like forms parse', () => {
    expect(parseMitTime('01/01/69 00:00:00')).toBe('1969-01-01T00:00:00Z');
    expect(parseMitTime('12/31/68 23:59:59')).toBe('2068-12-31T23:59:59Z');
    expect(parseMitTime('11/24/2026 09:14:42')).toBe('2026-11-24T09:14:42Z');
    expect(parseMitTime('2026-11-24T09:14:42')).toBe('2026-11-24T09:14:42Z');
    expect(parseMitTime('02/30/26 00:00:00')).toBeNull();
    expect(parseHeimdalTime('Dec  2 17:15:41 2026')).toBe(
      '2026-12-02T17:15:41Z'
    );
    expect(parseHeimdalTime('Foo  2 17:15:41 2026')).toBeNull();
  });
});
