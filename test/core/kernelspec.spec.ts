import {
  renderKernelSpec,
  kernelspecTarget
} from '../../src/core/sparkmagic/kernelspec';
import { resolveTargets } from '../../src/core/environment/targets';
import { sampleProfile } from './sample-profile';
import { USER_ENV } from '../model/fakes';

const SPEC = USER_ENV.sparkmagicSpecs[0];
const targets = resolveTargets(sampleProfile(), USER_ENV, { useSudo: false });
const COPY = '/home/u/.local/share/jupyter/kernels/pysparkkernel/kernel.json';
const OWN = `${SPEC.resourceDir}/kernel.json`;

describe('kernelspecTarget', () => {
  it('writes a user copy when the environment does not come first', () => {
    expect(kernelspecTarget(SPEC, targets, USER_ENV, false)).toEqual({
      path: COPY,
      warning: null
    });
    const explicit = { ...USER_ENV, preferEnvPath: false };
    expect(kernelspecTarget(SPEC, targets, explicit, true)).toEqual({
      path: COPY,
      warning: null
    });
  });

  it('writes the kernelspec in place when the user owns the environment (it is searched first)', () => {
    expect(kernelspecTarget(SPEC, targets, USER_ENV, true)).toEqual({
      path: OWN,
      warning: null
    });
  });

  it('says when kernels may not see the environment', () => {
    const preferred = { ...USER_ENV, preferEnvPath: true };
    const target = kernelspecTarget(SPEC, targets, preferred, false);
    expect(target.path).toBe(COPY);
    expect(target.warning).toMatch(/JUPYTER_PREFER_ENV_PATH=0/);
  });

  it('edits a user kernelspec in place', () => {
    const user = {
      ...SPEC,
      resourceDir: '/home/u/.local/share/jupyter/kernels/pysparkkernel'
    };
    expect(kernelspecTarget(user, targets, USER_ENV, true).path).toBe(COPY);
  });
});

describe('renderKernelSpec', () => {
  it('adds env to the spec and keeps what an existing file has', () => {
    const fresh = JSON.parse(
      renderKernelSpec(SPEC, null, { KRB5_CONFIG: '/k' })
    );
    expect(fresh).toEqual({
      argv: SPEC.argv,
      display_name: 'PySpark',
      language: 'python',
      env: { KRB5_CONFIG: '/k' }
    });
    const existing = JSON.stringify({
      ...fresh,
      metadata: { x: 1 },
      env: { A: 'b', KRB5_CONFIG: '/old' }
    });
    expect(
      JSON.parse(renderKernelSpec(SPEC, existing, { KRB5_CONFIG: '/k' }))
    ).toEqual({
      ...fresh,
      metadata: { x: 1 },
      env: { A: 'b', KRB5_CONFIG: '/k' }
    });
    expect(() => renderKernelSpec(SPEC, '[]', {})).toThrow(/not a JSON object/);
  });
});
