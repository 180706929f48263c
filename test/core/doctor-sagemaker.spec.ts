import { diagnose } from '../../src/core/doctor/diagnose';
import { AWS_KRB5_HEADER } from '../../src/core/doctor/checks-sagemaker';
import { doctorFixture } from './doctor-fixtures';

const ID = 'config.krb5-overwritten';

/**
 * The recorded healthy run, as if the kernels read /etc/krb5.conf (no
 * KRB5_CONFIG) and that file had been rewritten: each line of `text`
 * replaces the krb5.conf the run printed.
 */
function rewritten(text: string): string {
  const { output } = doctorFixture('healthy');
  const body = text
    .split('\n')
    .map(l => `|${l}`)
    .join('\n');
  return output
    .replace(/^\|KRB5_CONFIG=.*\n/m, '')
    .replace(
      /^@@SMKDOC BEGIN krb5file .*\n(\|.*\n)*/m,
      `@@SMKDOC BEGIN krb5file /etc/krb5.conf\n${body}\n`
    );
}

/** What AWS's helper library writes (sagemaker-studio-analytics-extension). */
function awsKrb5(kdc: string): string {
  return [
    AWS_KRB5_HEADER,
    '[libdefaults]',
    '  default_realm = EC2.INTERNAL',
    '  rdns = false',
    '  dns_canonicalize_hostname = false',
    '  udp_preference_limit = 1000000',
    '[realms]',
    '  EC2.INTERNAL = {',
    `    kdc = ${kdc}`,
    `    admin_server = ${kdc.replace(/:88$/, ':749')}`,
    '  }',
    '[domain_realm]',
    '  doctor-nlb.example.test = EC2.INTERNAL',
    '  .ec2.internal = EC2.INTERNAL'
  ].join('\n');
}

function result(output: string) {
  const { profile } = doctorFixture('healthy');
  return diagnose(profile, output).find(r => r.id === ID);
}

describe('the doctor on a krb5.conf SageMaker rewrote', () => {
  it('names KRB5_CONF_OVERWRITTEN, the primary node and the fix when the KDC is no longer the profile’s', () => {
    const r = result(rewritten(awsKrb5('ip-10-0-0-5.ec2.internal:88')));
    expect(r).toMatchObject({ status: 'fail', code: 'KRB5_CONF_OVERWRITTEN' });
    expect(r?.detail).toMatch(/EMR connect/);
    expect(r?.detail).toMatch(/ip-10-0-0-5\.ec2\.internal:88/);
    expect(r?.fix).toMatch(/--no-override-krb5-conf/);
    expect(r?.fix).toMatch(/krb5\.conf\.lock/);
  });

  it('names it when the KDC is not the profile’s even without the header', () => {
    const text = awsKrb5('kdc.elsewhere.example:88').replace(
      AWS_KRB5_HEADER,
      '# edited'
    );
    const r = result(rewritten(text));
    expect(r).toMatchObject({ status: 'fail', code: 'KRB5_CONF_OVERWRITTEN' });
  });

  it('warns when the header is there but the profile’s KDC still wins', () => {
    const r = result(rewritten(awsKrb5('doctor-nlb.example.test:88')));
    expect(r).toMatchObject({ status: 'warn', code: 'KRB5_CONF_OVERWRITTEN' });
  });

  it('says nothing about a krb5.conf that is the profile’s', () => {
    expect(result(doctorFixture('healthy').output)).toBeUndefined();
    const ours = awsKrb5('doctor-nlb.example.test:88').replace(
      AWS_KRB5_HEADER,
      '# Written by jupyterlab-sparkmagic-kerberos.'
    );
    expect(result(rewritten(ours))).toBeUndefined();
  });
});
