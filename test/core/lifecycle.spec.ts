import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as fc from 'fast-check';
import { base64Decode, utf8Decode } from '../../src/core/terminal/encoding';
import { renderKrb5Dropin, renderKrb5ForProfile } from '../../src/core/krb5';
import {
  LIFECYCLE_MAX_CHARS,
  LifecycleError,
  lifecycleBase64,
  renderLifecycle,
  renderPreset,
  sparkmagicMergeProgram
} from '../../src/core/lifecycle';
import { presetProfile } from '../../src/core/lifecycle/render';
import { stageFiles, stagePair } from '../../src/core/lifecycle/steps';
import { IProfile, withDefaults } from '../../src/core/profile';
import { shellQuote } from '../../src/core/terminal/shell';
import { sampleProfile } from './sample-profile';

const WHEEL = 'jupyterlab_sparkmagic_kerberos-0.1.0-py3-none-any.whl';
const SUM = 'ab'.repeat(32);
const NLB =
  'internal-emr-kerberized-nlb-analytics-0a1b2c3d4e5f6789.elb.us-east-1.amazonaws.com';

/** One long NLB name for the KDC and Livy, as in the AWS write-up. */
function longProfile(overrides: Partial<IProfile> = {}): IProfile {
  return withDefaults({
    name: 'emr-analytics-production-us-east-1',
    realm: 'ANALYTICS.EC2.INTERNAL',
    kdcs: [NLB],
    livyUrl: `https://${NLB}:8998`,
    clusterDomain: 'us-east-1.compute.internal',
    principal: 'firstname.lastname@ANALYTICS.EC2.INTERNAL',
    signIn: 'keytab',
    keytab:
      '~/SageMaker/.sparkmagic-kerberos/keytabs/firstname.lastname.keytab',
    tls: {
      caBundle: '/home/ec2-user/SageMaker/certs/emr-livy-ca-bundle.pem',
      ignoreSslErrors: false
    },
    ...overrides
  });
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lifecycle-spec-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs staging shell text in real bash with $T = a fresh directory; returns the files. */
function stageInBash(text: string): Record<string, string> {
  const t = fs.mkdtempSync(path.join(dir, 'T-'));
  const p = spawnSync('bash', ['-euc', `T=${shellQuote(t)}\n${text}`]);
  expect(p.stderr.toString()).toBe('');
  const out: Record<string, string> = {};
  for (const name of fs.readdirSync(t)) {
    out[name] = fs.readFileSync(path.join(t, name), 'utf8');
  }
  fs.rmSync(t, { recursive: true });
  return out;
}

function problems(profile: IProfile, options = {}): string[] {
  try {
    renderLifecycle(profile, options);
  } catch (e) {
    expect(e).toBeInstanceOf(LifecycleError);
    return (e as LifecycleError).problems;
  }
  return [];
}

describe('renderLifecycle', () => {
  it('embeds exactly the texts the extension renders', () => {
    const profile = sampleProfile({ kdcs: ['127.0.0.1:64088'] });
    const { onStart } = renderLifecycle(profile, {
      wheelPath: `/home/ec2-user/SageMaker/wheels/${WHEEL}`,
      wheelSha256: SUM
    });
    const staged = stagePair(
      ['krb5-dropin', 'krb5.conf'],
      [renderKrb5Dropin(profile), renderKrb5ForProfile(profile, null)]
    );
    expect(onStart).toContain(staged);
    expect(stageInBash(staged)).toEqual({
      'krb5-dropin': renderKrb5Dropin(profile),
      'krb5.conf': renderKrb5ForProfile(profile, null)
    });
    const files = stageFiles({
      'preset.json': renderPreset(profile),
      'merge.py': sparkmagicMergeProgram(profile)
    });
    expect(onStart).toContain(files);
    expect(onStart.startsWith('#!/bin/bash\n')).toBe(true);
  });

  it('stages any text byte for byte through bash', () => {
    const text = fc
      .string({ unit: 'grapheme', maxLength: 80 })
      .filter(s => !s.includes('\0'));
    fc.assert(
      fc.property(text, text, text, (common, a, b) => {
        const pair: [string, string] = [a + common, b + common];
        expect(stageInBash(stagePair(['a', 'b'], pair))).toEqual({
          a: pair[0],
          b: pair[1]
        });
      }),
      { numRuns: 60 }
    );
  });

  it('fits SageMaker for a realistic profile with long host names, as text and as base64', () => {
    const { onStart, onCreate } = renderLifecycle(longProfile(), {
      wheelS3Uri: `s3://my-company-sagemaker-artifacts-us-east-1/jupyterlab-extensions/${WHEEL}`,
      wheelSha256: SUM,
      onCreate: true
    });
    for (const script of [onStart, onCreate as string]) {
      expect(lifecycleBase64(script).length).toBeLessThanOrEqual(
        LIFECYCLE_MAX_CHARS
      );
      expect(utf8Decode(base64Decode(lifecycleBase64(script)))).toBe(script);
    }
  });

  it('refuses a profile whose script SageMaker would not accept, saying why', () => {
    const kdcs = Array.from(
      { length: 30 },
      (_, i) => `kdc-${i}-${'x'.repeat(50)}.${'y'.repeat(50)}.example.com`
    );
    const found = problems(longProfile({ kdcs }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /onStart script is \d+ characters in base64 .*at most 16384/
    );
  });

  it('renders the on-create script only when asked', () => {
    expect(renderLifecycle(sampleProfile()).onCreate).toBeUndefined();
    expect(
      renderLifecycle(sampleProfile(), { onCreate: true }).onCreate
    ).toMatch(/^#!\/bin\/bash\n[\s\S]*mkdir -p[\s\S]*keytabs/);
  });

  it.each([
    [
      {
        wheelS3Uri: `s3://b1/${WHEEL}`,
        wheelPath: `/home/ec2-user/SageMaker/${WHEEL}`
      },
      /either a wheel S3 URI or a wheel path/
    ],
    [{ wheelS3Uri: `https://bucket/${WHEEL}` }, /not an S3 URI/],
    [{ wheelS3Uri: 's3://bucket/dist/extension.whl' }, /wheel's own file name/],
    [{ wheelPath: `/tmp/${WHEEL}` }, /under \/home\/ec2-user\/SageMaker\//],
    [
      { wheelPath: `/home/ec2-user/SageMaker/../${WHEEL}` },
      /under \/home\/ec2-user\/SageMaker\//
    ],
    [{ wheelPath: '~/SageMaker/wheel.zip' }, /wheel's own file name/]
  ])('refuses wheel options %j', (options, message) => {
    const found = problems(sampleProfile(), { wheelSha256: SUM, ...options });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
  });

  it('accepts a wheel path in ~/SageMaker and an S3 key with folders', () => {
    expect(
      problems(sampleProfile(), {
        wheelPath: `~/SageMaker/wheels/${WHEEL}`,
        wheelSha256: SUM
      })
    ).toEqual([]);
    expect(
      problems(sampleProfile(), {
        wheelS3Uri: `s3://my.bucket-1/a/b/${WHEEL}`,
        wheelSha256: SUM.toUpperCase()
      })
    ).toEqual([]);
  });

  it.each([
    ['missing', undefined, /SHA-256 is required/],
    ['63 digits', SUM.slice(1), /64 hexadecimal digits/],
    ['65 digits', SUM + 'a', /64 hexadecimal digits/],
    ['not hex', 'g'.repeat(64), /64 hexadecimal digits/],
    ['sha256sum line', `${SUM}  ${WHEEL}`, /64 hexadecimal digits/],
    ['a quote', `${SUM.slice(1)}'`, /64 hexadecimal digits/]
  ])(
    'refuses a wheel whose SHA-256 is %s, for either location',
    (_, wheelSha256, message) => {
      for (const location of [
        { wheelPath: `~/SageMaker/${WHEEL}` },
        { wheelS3Uri: `s3://bucket/${WHEEL}` }
      ]) {
        const found = problems(sampleProfile(), { ...location, wheelSha256 });
        expect(found).toHaveLength(1);
        expect(found[0]).toMatch(message);
      }
    }
  );

  it('refuses a SHA-256 without a wheel', () => {
    expect(problems(sampleProfile(), { wheelSha256: SUM })).toEqual([
      'A wheel SHA-256 was given without a wheel S3 URI or path.'
    ]);
  });

  it('checks the embedded digest before pip, and installs the copy it checked', () => {
    const { onStart } = renderLifecycle(sampleProfile(), {
      wheelPath: `~/SageMaker/${WHEEL}`,
      wheelSha256: SUM.toUpperCase()
    });
    const check = onStart.indexOf(`[ "$WS" = ${SUM} ]`);
    const pip = onStart.indexOf('as "$O" pipinstall "$W"');
    expect(check).toBeGreaterThan(0);
    expect(pip).toBeGreaterThan(check);
    expect(onStart).toContain(`W=$T/${WHEEL}\n`);
  });

  it.each([
    [
      { keytab: '/etc/security/keytabs/u.keytab' },
      /keytab: .* must be under \/home\/ec2-user\//
    ],
    [
      { files: { ...sampleProfile().files, krb5Target: 'user' as const } },
      /krb5Target: 'user'/
    ],
    [
      {
        files: {
          ...sampleProfile().files,
          sparkmagicConfig: '/opt/sm/config.json'
        }
      },
      /sparkmagicConfig/
    ],
    [{ realm: 'ec2.internal' }, /^profile realm: /]
  ])(
    'refuses profile fields that cannot work on SageMaker: %j',
    (overrides, message) => {
      const found = problems(sampleProfile(overrides as Partial<IProfile>));
      expect(found.some(p => message.test(p))).toBe(true);
    }
  );
});

describe('renderPreset', () => {
  it('keeps what differs from the defaults; the panel fills in the rest', () => {
    const profile = longProfile({ kernels: ['python'] });
    const stored = presetProfile(profile);
    expect(stored).toEqual({
      name: profile.name,
      realm: profile.realm,
      kdcs: profile.kdcs,
      livyUrl: profile.livyUrl,
      clusterDomain: profile.clusterDomain,
      principal: profile.principal,
      signIn: 'keytab',
      keytab: profile.keytab,
      kernels: ['python'],
      tls: { caBundle: profile.tls.caBundle }
    });
    expect(withDefaults(stored)).toEqual(profile);
    expect(JSON.parse(renderPreset(profile))).toEqual({
      'jupyterlab-sparkmagic-kerberos:plugin': {
        profiles: [stored],
        activeProfile: profile.name
      }
    });
  });

  it('always keeps the fields the schema requires', () => {
    const stored = presetProfile(
      withDefaults({
        name: 'default',
        realm: 'A',
        kdcs: ['k'],
        livyUrl: 'http://l',
        principal: 'u'
      })
    );
    expect(Object.keys(stored).sort()).toEqual([
      'kdcs',
      'livyUrl',
      'name',
      'principal',
      'realm'
    ]);
  });
});
