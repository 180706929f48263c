import { nullTranslator } from '@jupyterlab/translation';
import { formatTimeLeft } from '../../src/ui/duration';
import { profileErrors, profileValidator } from '../../src/ui/profile-form';
import { sampleProfile } from '../core/sample-profile';

describe('profileValidator', () => {
  it('puts each problem under its field, as rjsf shows it inline', () => {
    const validator = profileValidator(['other']);
    const bad = sampleProfile({
      name: 'other',
      realm: 'ec2 internal',
      livyUrl: 'https://LIVY-NLB.example.test:8998',
      kdcs: ['kdc.example.test:88', 'bad host']
    });
    const { errors, errorSchema } = validator.validateFormData(bad, {} as any);
    const schema = errorSchema as any;
    expect(schema.realm.__errors[0]).toMatch(
      /'ec2 internal' is not a realm name/
    );
    expect(schema.livyUrl.__errors[0]).toMatch(/Write the host in lowercase/);
    expect(schema.name.__errors[0]).toMatch(
      /Another profile is called 'other'/
    );
    expect(schema.kdcs['1'].__errors).toHaveLength(1);
    expect(errors.map(e => e.property).sort()).toEqual([
      '.kdcs.1',
      '.livyUrl',
      '.name',
      '.realm'
    ]);
    expect(validator.toErrorList(errorSchema)).toHaveLength(4);
  });

  it('accepts a valid profile', () => {
    expect(profileErrors(sampleProfile(), [])).toEqual([]);
    expect(
      profileValidator([]).validateFormData(sampleProfile(), {} as any).errors
    ).toEqual([]);
  });
});

describe('formatTimeLeft', () => {
  const trans = nullTranslator.load('test');
  it('is precise to the second in the last hour', () => {
    expect(formatTimeLeft(0, trans)).toBe('expired');
    expect(formatTimeLeft(45_000, trans)).toBe('45 s');
    expect(formatTimeLeft(12 * 60_000 + 5_000, trans)).toBe('12 min 05 s');
    expect(formatTimeLeft(9 * 3_600_000 + 58 * 60_000, trans)).toBe(
      '9 h 58 min'
    );
    expect(formatTimeLeft(3 * 86_400_000 + 2 * 3_600_000, trans)).toBe(
      '3 d 2 h'
    );
  });
});
