/** A sample profile and what merging it must give, for the krb5.conf tests. */
import * as fs from 'fs';
import * as path from 'path';
import {
  IKrb5Directive,
  IKrb5Document,
  getRelation,
  getRelations,
  parseKrb5Conf
} from '../../src/core/krb5';
import { IProfile, withDefaults } from '../../src/core/profile';

export const FIXTURES = path.join(__dirname, 'fixtures', 'krb5conf');
export const fixture = (name: string): string =>
  fs.readFileSync(path.join(FIXTURES, name), 'utf8');

export const PROFILE: IProfile = withDefaults({
  realm: 'EC2.INTERNAL',
  kdcs: ['kdc1.ec2.internal', 'kdc2.ec2.internal:8888'],
  livyUrl: 'https://livy-nlb.example.test:8998',
  clusterDomain: 'ec2.internal',
  principal: 'user1'
});

export const OURS: [string, string][] = [
  ['default_realm', 'EC2.INTERNAL'],
  ['dns_lookup_kdc', 'false'],
  ['dns_lookup_realm', 'false'],
  ['rdns', 'false'],
  ['dns_canonicalize_hostname', 'false'],
  ['udp_preference_limit', '1'],
  ['default_ccache_name', 'FILE:/tmp/krb5cc_%{uid}'],
  ['forwardable', 'true'],
  ['ticket_lifetime', '10h'],
  ['renew_lifetime', '7d']
];

/** Asserts MIT would read every value the profile sets from this text. */
export function expectEffective(
  text: string,
  resolve?: (d: IKrb5Directive) => IKrb5Document[]
): void {
  const doc = parseKrb5Conf(text);
  for (const [tag, value] of OURS) {
    expect([tag, getRelation(doc, 'libdefaults', tag, resolve)]).toEqual([
      tag,
      value
    ]);
  }
  expect(getRelations(doc, 'realms', ['EC2.INTERNAL', 'kdc'], resolve)).toEqual(
    ['kdc1.ec2.internal:88', 'kdc2.ec2.internal:8888']
  );
  expect(
    getRelation(doc, 'realms', ['EC2.INTERNAL', 'admin_server'], resolve)
  ).toBe('kdc1.ec2.internal:749');
  for (const host of [
    'livy-nlb.example.test',
    '.ec2.internal',
    'ec2.internal'
  ]) {
    expect(getRelation(doc, 'domain_realm', host, resolve)).toBe(
      'EC2.INTERNAL'
    );
  }
}

/** Lines of `before` that are not in `after`, in order. */
export function droppedLines(before: string, after: string): string[] {
  const rest = after.split('\n');
  return before.split('\n').filter(line => {
    const at = rest.indexOf(line);
    if (at < 0) {
      return true;
    }
    rest.splice(0, at + 1);
    return false;
  });
}
