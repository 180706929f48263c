import * as fc from 'fast-check';
import {
  parseDoctorOutput,
  sectionOf,
  sectionParts
} from '../../src/core/doctor/output';
import {
  clockSkew,
  headerValue,
  kdcContacts,
  kdcErrors,
  parseCurlProbe,
  parseHttpDate,
  requestedSpns,
  spnHost
} from '../../src/core/doctor/script-readers';
import { doctorFixture } from './doctor-fixtures';

const RUNS = Number(process.env.FC_NUM_RUNS ?? '300');

describe('parseDoctorOutput on recorded runs', () => {
  it('splits a complete run into its framed steps', () => {
    const out = parseDoctorOutput(doctorFixture('kerberos-healthy').output);
    expect(out.complete).toBe(true);
    const ids = out.sections.map(s => s.id);
    for (const id of [
      'kspec',
      'meta',
      'tools',
      'curlv',
      'kenv',
      'krb5file',
      'smconf',
      'klist',
      'kernels',
      'dns',
      'tcp',
      'reach',
      'neg',
      'kprobe'
    ]) {
      expect(ids).toContain(id);
    }
    expect(sectionOf(out, 'meta')?.text).toMatch(/^now \d+$/m);
    expect(out.sections.every(s => s.ms === null || s.ms >= 0)).toBe(true);
  });

  it('marks a run cut off before its end as incomplete', () => {
    const text = doctorFixture('kerberos-healthy').output;
    const cut = text.slice(0, text.indexOf('@@SMKDOC BEGIN neg'));
    const out = parseDoctorOutput(cut);
    expect(out.complete).toBe(false);
    expect(out.sections.map(s => s.id)).not.toContain('neg');
  });

  it('ignores terminal noise around the frames and CRLF line ends', () => {
    const text = doctorFixture('kerberos-healthy').output;
    const noisy =
      'Last login: today\r\n$ sh doctor.sh\r\n' +
      text.replace(/\n/g, '\r\n') +
      '$ ';
    const shape = (o: ReturnType<typeof parseDoctorOutput>) => ({
      complete: o.complete,
      sections: o.sections.map(({ id, arg, rc, ms }) => ({ id, arg, rc, ms }))
    });
    expect(shape(parseDoctorOutput(noisy))).toEqual(
      shape(parseDoctorOutput(text))
    );
  });

  it('recovers any section text framed by the protocol', () => {
    const section = fc.record({
      id: fc.stringMatching(/^[a-z][a-z0-9.]{0,12}$/),
      arg: fc.stringMatching(/^[^\n\r]{0,30}$/).map(s => s.trim()),
      text: fc
        .array(fc.stringMatching(/^[^\n\r]*$/), { maxLength: 8 })
        .map(l => l.join('\n')),
      rc: fc.integer({ min: -1, max: 255 }),
      ms: fc.option(fc.nat(100000), { nil: null })
    });
    fc.assert(
      fc.property(fc.array(section, { maxLength: 6 }), sections => {
        const framed = sections
          .map(s =>
            [
              `@@SMKDOC BEGIN ${s.id} ${s.arg}`,
              ...s.text.split('\n').map(l => `|${l}`),
              `@@SMKDOC END ${s.id} ${s.rc} ${s.ms ?? ''}`
            ].join('\n')
          )
          .join('\n');
        const out = parseDoctorOutput(framed + '\n@@SMKDOC DONE\n');
        expect(out.complete).toBe(true);
        expect(out.sections).toEqual(sections);
      }),
      { numRuns: RUNS }
    );
  });

  it('splits a section into its parts', () => {
    const parts = sectionParts('head\n@@PART a\nx\ny\n@@PART b\n');
    expect([...parts.keys()]).toEqual(['', 'a', 'b']);
    expect(parts.get('a')).toBe('x\ny');
  });
});

describe('probe readers', () => {
  it('reads the KDC exchange from a recorded kinit trace', () => {
    const out = parseDoctorOutput(doctorFixture('password-expired').output);
    const trace =
      sectionParts(sectionOf(out, 'kprobe')?.text ?? '').get('trace') ?? '';
    expect(kdcErrors(trace)).toContain('Password has expired');
    expect(kdcContacts(trace)[0]).toMatchObject({ transport: 'tcp' });
    expect(kdcContacts(trace)[0].address).toMatch(/^127\.0\.0\.\d+:88$/);
  });

  it('reads curl write-out, headers and the clock from a recorded probe', () => {
    const out = parseDoctorOutput(doctorFixture('kdc-hung').output);
    const s = sectionOf(out, 'reach');
    expect(s).toBeDefined();
    const probe = parseCurlProbe(s!.text, s!.rc);
    expect(probe.clock).not.toBeNull();
    expect(probe.clock![1]).toBeGreaterThanOrEqual(probe.clock![0]);
  });

  it('parses HTTP dates and measures skew beyond the request time', () => {
    expect(parseHttpDate('Wed, 25 Nov 2026 17:16:08 GMT')).toBe(
      Date.UTC(2026, 10, 25, 17, 16, 8) / 1000
    );
    expect(parseHttpDate('yesterday')).toBeNull();
    const at = Date.UTC(2026, 10, 25, 17, 16, 8) / 1000;
    const probe = parseCurlProbe(
      `@@PART clock\n${at + 3600}\n@@PART headers\nHTTP/1.1 401 Unauthorized\nDate: Wed, 25 Nov 2026 17:16:08 GMT\n@@PART after\n${at + 3601}`,
      0
    );
    expect(headerValue(probe.headers, 'date')).toBe(
      'Wed, 25 Nov 2026 17:16:08 GMT'
    );
    expect(clockSkew(probe)).toBeCloseTo(3599, 0);
    const inTime = parseCurlProbe(
      `@@PART clock\n${at}\n@@PART headers\nDate: Wed, 25 Nov 2026 17:16:08 GMT\n@@PART after\n${at + 1}`,
      0
    );
    expect(clockSkew(inTime)).toBe(0);
  });

  it('names the service principal a client asked for', () => {
    const trace =
      '[1] 1.1: Getting credentials user1@EC2.INTERNAL -> HTTP/ip-10-0-1-23.ec2.internal@ using ccache FILE:/tmp/cc\n' +
      '[1] 1.2: Requesting tickets for HTTP/ip-10-0-1-23.ec2.internal@EC2.INTERNAL, referrals on';
    expect(requestedSpns(trace)).toEqual(['HTTP/ip-10-0-1-23.ec2.internal@']);
    expect(spnHost('HTTP/Ip-10-0-1-23.EC2.internal@')).toBe(
      'ip-10-0-1-23.ec2.internal'
    );
    expect(spnHost('krbtgt')).toBeNull();
  });
});
