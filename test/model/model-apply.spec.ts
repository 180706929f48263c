import { USER_ENV } from './fakes';
import { KRB5_ENV, KRB5_USER, setup, track } from './model-setup';

describe('KerberosModel apply', () => {
  it('previews, writes, and reports running Sparkmagic kernels as stale', async () => {
    const { model, files } = track(
      setup({
        profile: { tls: { caBundle: '/etc/ca.pem', ignoreSslErrors: false } }
      })
    );
    files.files.set(
      '/home/u/.sparkmagic/config.json',
      '{"session_configs": {"driverMemory": "1000M"}}\n'
    );
    const plan = await model.planApply();
    expect(plan.errors).toEqual([]);
    expect(plan.changes.map(c => [c.kind, c.path])).toEqual([
      ['krb5', KRB5_USER],
      ['sparkmagic', '/home/u/.sparkmagic/config.json'],
      [
        'kernelspec',
        '/home/u/.local/share/jupyter/kernels/pysparkkernel/kernel.json'
      ]
    ]);
    expect(files.writes).toHaveLength(0);
    const record = await model.apply(plan);
    expect(record?.written.map(w => w.path)).toHaveLength(3);
    const config = JSON.parse(
      files.files.get('/home/u/.sparkmagic/config.json')!
    );
    expect(config.session_configs).toEqual({ driverMemory: '1000M' });
    expect(config.kernel_python_credentials).toEqual({
      url: 'https://livy-nlb.example.test:8998',
      auth: 'Kerberos'
    });
    const spec = JSON.parse(
      files.files.get(
        '/home/u/.local/share/jupyter/kernels/pysparkkernel/kernel.json'
      )!
    );
    expect(spec.env).toEqual({
      KRB5_CONFIG: KRB5_ENV,
      REQUESTS_CA_BUNDLE: '/etc/ca.pem'
    });
    expect(spec.argv).toEqual(USER_ENV.sparkmagicSpecs[0].argv);
    expect(files.files.get(KRB5_USER)).toContain('EC2.INTERNAL');
    expect(model.staleKernels.map(k => k.id)).toEqual(['k1']);
    // Applying again changes nothing.
    const again = await model.planApply();
    expect(again.changes).toEqual([]);
    expect(again.unchanged).toHaveLength(3);
  });

  it('writes nothing when an existing file cannot be parsed', async () => {
    const { model, files } = track(setup());
    files.files.set(
      '/home/u/.sparkmagic/config.json',
      '{"kernel_python_credentials": '
    );
    const plan = await model.planApply();
    expect(plan.errors.join()).toMatch(/not valid JSON/);
    await expect(model.apply(plan)).rejects.toThrow();
    expect(files.writes).toHaveLength(0);
  });

  it('writes nothing for an invalid profile (upper-case host, bad realm)', async () => {
    const { model, files } = track(
      setup({
        profile: {
          livyUrl: 'https://LIVY-NLB.example.test:8998',
          realm: 'ec2 internal'
        }
      })
    );
    const plan = await model.planApply();
    expect(plan.errors.some(e => e.startsWith('realm:'))).toBe(true);
    expect(plan.changes).toEqual([]);
    expect(files.writes).toHaveLength(0);
  });

  it('writes nothing when a file changed since the preview, and says so', async () => {
    const { model, files } = track(setup());
    const plan = await model.planApply();
    files.files.set('/home/u/.sparkmagic/config.json', '{"edited": 1}\n');
    await expect(model.apply(plan)).rejects.toThrow(
      /changed since the preview/
    );
    expect(model.lastError?.title).toBe(
      'The file changed since the preview — preview again'
    );
    expect(files.files.get('/home/u/.sparkmagic/config.json')).toBe(
      '{"edited": 1}\n'
    );
  });

  it('restarts stale kernels on request', async () => {
    const { model, log } = track(setup());
    await model.apply(await model.planApply());
    await model.restartStale();
    expect(log).toContain('restart k1');
    expect(model.staleKernels).toEqual([]);
  });
});
