import { klistContract, parseKlist } from '../../src/core/klist/parse';
import {
  IFixture,
  errorFixtures,
  ownKrb5Fixtures,
  sharedKrb5Fixtures
} from '../fixtures/load';
import { buildCli, expectUsageError, runCli } from './run-cli';

beforeAll(buildCli, 120000);

const NOW = '2026-11-25T17:30:00Z';
const ALL = [...ownKrb5Fixtures(), ...sharedKrb5Fixtures(), ...errorFixtures()];

describe('parse-klist --now on every recorded output', () => {
  it.each(ALL.map(f => [f.id, f] as [string, IFixture]))('%s', (_id, f) => {
    const r = runCli(['parse-klist', '--now', NOW], f.text);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.endsWith('\n')).toBe(true);
    expect(JSON.parse(r.stdout)).toEqual(
      klistContract(parseKlist(f.text, new Date(NOW)))
    );
  });
});

describe('parse-klist', () => {
  const expired = ownKrb5Fixtures().find(
    f => f.name === 'heimdal-klist-expired'
  )!;

  it('prints the contract object', () => {
    const r = runCli(['parse-klist', `--now=${NOW}`], expired.text);
    expect(JSON.parse(r.stdout)).toEqual({
      flavor: 'heimdal',
      cache: 'FILE:/tmp/klistcap/cc/short',
      defaultPrincipal: 'user1@EC2.INTERNAL',
      tickets: [
        {
          server: 'krbtgt/EC2.INTERNAL@EC2.INTERNAL',
          start: '2026-11-25T17:15:41Z',
          expires: null,
          renewUntil: null,
          flags: null,
          expired: true
        },
        {
          server: 'HTTP/livy-nlb.example.test@EC2.INTERNAL',
          start: '2026-11-25T17:15:41Z',
          expires: null,
          renewUntil: null,
          flags: null,
          expired: true
        }
      ],
      error: null
    });
  });

  it('compares with the clock when --now is not given', () => {
    const mit = ownKrb5Fixtures().find(f => f.name === 'mit-klist-expired')!;
    const r = runCli(['parse-klist'], mit.text);
    expect(r.status).toBe(0);
    const tickets = JSON.parse(r.stdout).tickets;
    expect(tickets.map((t: { expired: boolean }) => t.expired)).toEqual([
      true,
      true
    ]);
  });

  it('accepts --now with an offset', () => {
    const mit = ownKrb5Fixtures().find(f => f.name === 'mit-klist-expired')!;
    const r = runCli(
      ['parse-klist', '--now', '2026-11-25T18:15:50+01:00'],
      mit.text
    );
    expect(JSON.parse(r.stdout).tickets[0].expired).toBe(false);
  });

  it.each([
    ['2026-11-25T17:15:50', false],
    ['2026-11-25 17:15:51', true],
    ['2026-11-25T18:15:50+0100', false],
    ['2026-11-25T18:15:51+01', true],
    ['2026-11-25T17:15:50.999Z', false],
    ['2026-11-26', true]
  ])('--now %s: zone-less times are UTC', (now, expired) => {
    const mit = ownKrb5Fixtures().find(f => f.name === 'mit-klist-expired')!;
    const r = runCli(['parse-klist', '--now', now], mit.text);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).tickets[0].expired).toBe(expired);
  });

  it.each([
    [['--now', 'yesterday']],
    [['--now', '2026-13-25T00:00:00Z']],
    [['--now', '1700000000']],
    [['--now']],
    [['--when', NOW]],
    [['extra']],
    [['--now', NOW, '--now', NOW]]
  ])('refuses %j: one line on stderr, nothing on stdout, exit 2', args => {
    const r = runCli(['parse-klist', ...args], expired.text);
    expectUsageError(r, 'parse-klist');
  });
});
