import * as fc from 'fast-check';
import {
  LifecycleError,
  assertLifecycleInput
} from '../../src/core/lifecycle/options';
import { numRuns } from './krb5-arbitraries';
import { sampleProfile } from './sample-profile';

/** The lifecycle script's keytab must stay in the notebook user's home. */

function keytabProblems(keytab: string): string[] {
  try {
    assertLifecycleInput(sampleProfile({ signIn: 'keytab', keytab }), {});
  } catch (e) {
    expect(e).toBeInstanceOf(LifecycleError);
    return (e as LifecycleError).problems.filter(p =>
      p.startsWith('profile keytab:')
    );
  }
  return [];
}

/** Path segments that are plain names (never `.` or `..`). */
const name = fc
  .stringMatching(/^[A-Za-z0-9._-]{1,12}$/)
  .filter(s => s !== '.' && s !== '..');
const names = fc.array(name, { minLength: 1, maxLength: 5 });

describe('lifecycle keytab path', () => {
  it.each([
    '~/../../etc/krb5.keytab',
    '/home/ec2-user/../root/.keytab',
    '/home/ec2-user/SageMaker/..',
    '~/SageMaker/../../../tmp/x.keytab'
  ])('refuses %s, which leaves the home directory through ..', keytab => {
    expect(keytabProblems(keytab)).toEqual([
      `profile keytab: '${keytab}' must be under /home/ec2-user/, without '..' (the script keeps keytabs in /home/ec2-user/SageMaker/.sparkmagic-kerberos/keytabs and links them there).`
    ]);
  });

  it('refuses a `..` segment anywhere, accepts the same path without it', () => {
    fc.assert(
      fc.property(names, names, fc.boolean(), (before, after, tilde) => {
        const home = tilde ? '~' : '/home/ec2-user';
        const plain = [home, ...before, ...after].join('/');
        const dotted = [home, ...before, '..', ...after].join('/');
        expect(keytabProblems(plain)).toEqual([]);
        expect(keytabProblems(dotted)).toHaveLength(1);
      }),
      { numRuns: numRuns(300) }
    );
  });
});
