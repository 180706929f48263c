import {
  canRenew,
  nextRenewalCheck,
  renewalAction
} from '../../src/core/ticket/renewal';
import {
  ICacheSnapshot,
  ITicket,
  UNKNOWN_SNAPSHOT
} from '../../src/core/ticket/status';

const MIN = 60_000;
const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);

function ticket(overrides: Partial<ITicket> = {}): ITicket {
  return {
    server: 'HTTP/livy-nlb.example.test@EC2.INTERNAL',
    start: NOW - 9 * 60 * MIN,
    expires: NOW + 20 * MIN,
    renewUntil: NOW + 7 * 24 * 60 * MIN,
    flags: 'FRIA',
    expired: false,
    ...overrides
  };
}

function snapshot(
  main: ITicket | null,
  extra: Partial<ICacheSnapshot> = {}
): ICacheSnapshot {
  return {
    ...UNKNOWN_SNAPSHOT,
    kind: 'tickets',
    principal: 'user1@EC2.INTERNAL',
    tickets: main ? [main] : [],
    main,
    checkedAt: NOW,
    ...extra
  };
}

const policy = {
  autoRenew: true,
  renewBeforeMs: 30 * MIN,
  signIn: 'password' as const
};

describe('renewalAction', () => {
  it('renews a renewable ticket inside the window', () => {
    expect(renewalAction(snapshot(ticket()), policy, NOW)).toBe('renew');
  });

  it('waits while the ticket has more than renewBefore left', () => {
    expect(
      renewalAction(snapshot(ticket({ expires: NOW + 31 * MIN })), policy, NOW)
    ).toBe('none');
  });

  it('does nothing when automatic renewal is off', () => {
    expect(
      renewalAction(snapshot(ticket()), { ...policy, autoRenew: false }, NOW)
    ).toBe('none');
  });

  it('cannot renew without the R flag or past renew-until', () => {
    expect(canRenew(ticket({ flags: 'FIA' }), NOW)).toBe(false);
    expect(canRenew(ticket({ renewUntil: NOW + 20 * MIN }), NOW)).toBe(false);
    expect(canRenew(ticket({ expires: NOW - 1 }), NOW)).toBe(false);
    expect(renewalAction(snapshot(ticket({ flags: 'FIA' })), policy, NOW)).toBe(
      'none'
    );
  });

  it('signs in again with the keytab once renew-until is reached', () => {
    const used = ticket({ renewUntil: NOW + 20 * MIN });
    expect(
      renewalAction(snapshot(used), { ...policy, signIn: 'keytab' }, NOW)
    ).toBe('keytab');
    const expired = ticket({ expires: NOW - MIN, expired: true });
    expect(
      renewalAction(snapshot(expired), { ...policy, signIn: 'keytab' }, NOW)
    ).toBe('keytab');
  });

  it('leaves another principal’s cache and empty caches alone', () => {
    expect(
      renewalAction(snapshot(ticket(), { otherPrincipal: true }), policy, NOW)
    ).toBe('none');
    expect(
      renewalAction({ ...UNKNOWN_SNAPSHOT, kind: 'no-ticket' }, policy, NOW)
    ).toBe('none');
  });
});

describe('nextRenewalCheck', () => {
  it('is the time until expiry minus renewBefore', () => {
    const s = snapshot(ticket({ expires: NOW + 90 * MIN }));
    expect(nextRenewalCheck(s, policy, NOW)).toBe(60 * MIN);
    expect(
      nextRenewalCheck(s, { ...policy, autoRenew: false }, NOW)
    ).toBeNull();
  });
});
