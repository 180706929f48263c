/**
 * SageMaker lifecycle scripts for one profile. Everything the extension
 * renders (krb5.conf, its drop-in, the settings preset, the Sparkmagic merge)
 * is rendered here, at generation time, by the same core functions the panel
 * uses, and embedded in the script; the script itself needs only bash,
 * coreutils, sudo and the environment's Python.
 */
import { base64Encode, utf8Encode } from '../terminal/encoding';
import { renderKrb5Dropin, renderKrb5ForProfile } from '../krb5';
import { DEFAULT_PROFILE, IProfile, withDefaults } from '../profile';
import { shellQuote } from '../terminal/shell';
import { sparkmagicMergeProgram } from './merge-py';
import {
  ILifecycleOptions,
  LIFECYCLE_MAX_CHARS,
  LifecycleError,
  SAGEMAKER,
  STUDIO,
  assertLifecycleInput,
  layoutOf,
  sagemakerPath
} from './options';
import { prelude } from './prelude';
import {
  STUDIO_FINISH,
  STUDIO_KRB5,
  STUDIO_KRB5_CLIENT,
  STUDIO_WHEEL_READ,
  studioKernelEnvStep,
  studioStateStep
} from './studio-steps';
import {
  FINGERPRINT,
  JUPYTERLAB,
  KRB5_CLIENT,
  PRESET,
  RESTART,
  SPARKMAGIC,
  kernelEnvStep,
  krb5Step,
  sparkmagicStep,
  stageFiles,
  stagePair,
  stateStep,
  wheelStep
} from './steps';

export interface ILifecycleScripts {
  onStart: string;
  onCreate?: string;
}

/** The settings id whose defaults the preset replaces. */
export const PLUGIN_ID = 'jupyterlab-sparkmagic-kerberos:plugin';

/** Fields every stored profile keeps, even at their default value. */
const REQUIRED = ['name', 'realm', 'kdcs', 'livyUrl', 'principal'];

/**
 * The profile without the values that equal their defaults (the panel fills
 * those in again with `withDefaults`), which keeps the script short.
 */
export function presetProfile(profile: IProfile): Partial<IProfile> {
  const out: Record<string, unknown> = {};
  const defaults = DEFAULT_PROFILE as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(profile)) {
    const dflt = defaults[key];
    if (
      value !== null &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      typeof dflt === 'object'
    ) {
      const inner = Object.entries(value).filter(
        ([k, v]) =>
          JSON.stringify(v) !==
          JSON.stringify((dflt as Record<string, unknown>)[k])
      );
      if (inner.length > 0) {
        out[key] = Object.fromEntries(inner);
      }
    } else if (
      REQUIRED.includes(key) ||
      JSON.stringify(value) !== JSON.stringify(dflt)
    ) {
      out[key] = value;
    }
  }
  return out as Partial<IProfile>;
}

/** The overrides.d file: this profile as the administrator's default. */
export function renderPreset(profile: IProfile): string {
  const preset = {
    [PLUGIN_ID]: {
      profiles: [presetProfile(profile)],
      activeProfile: profile.name
    }
  };
  return JSON.stringify(preset) + '\n';
}

/**
 * The on-start script (and the on-create one when asked) for a notebook
 * instance, or the one script of a Studio JupyterLab space.
 *
 * @throws LifecycleError when the profile or options cannot work on
 * SageMaker, or a script would exceed SageMaker's size limit.
 */
export function renderLifecycle(
  partial: IProfile,
  options: ILifecycleOptions = {}
): ILifecycleScripts {
  const profile = withDefaults(partial);
  assertLifecycleInput(profile, options);
  const layout = layoutOf(options.platform);
  const wheel = {
    wheelS3Uri: options.wheelS3Uri,
    wheelPath:
      options.wheelPath === undefined
        ? undefined
        : sagemakerPath(options.wheelPath, layout),
    wheelSha256: options.wheelSha256
  };
  const onStart =
    options.platform === 'studio'
      ? renderStudio(profile, wheel)
      : renderNotebook(profile, wheel);
  const scripts: ILifecycleScripts = { onStart };
  if (options.onCreate) {
    scripts.onCreate = renderOnCreate();
  }
  for (const [hook, text] of Object.entries(scripts)) {
    const size = lifecycleBase64(text).length;
    if (size > LIFECYCLE_MAX_CHARS) {
      throw new LifecycleError([
        `The ${hook} script is ${size} characters in base64 (${text.length} as text); SageMaker accepts at most ${LIFECYCLE_MAX_CHARS}. Shorten the profile (fewer KDCs, shorter names).`
      ]);
    }
  }
  return scripts;
}

type WheelOptions = Parameters<typeof wheelStep>[0];

function renderNotebook(profile: IProfile, wheel: WheelOptions): string {
  return [
    prelude(profile.name),
    stageFiles({
      'preset.json': renderPreset(profile),
      'merge.py': sparkmagicMergeProgram(profile)
    }),
    stagePair(
      ['krb5-dropin', 'krb5.conf'],
      [renderKrb5Dropin(profile), renderKrb5ForProfile(profile, null)]
    ),
    KRB5_CLIENT,
    JUPYTERLAB,
    FINGERPRINT,
    wheelStep(wheel),
    PRESET,
    krb5Step(
      profile.realm,
      profile.files.krb5Target === 'system' ? 'first' : 'auto'
    ),
    stateStep(sagemakerPath(profile.keytab)),
    SPARKMAGIC,
    profile.tls.caBundle === '' ? '' : kernelEnvStep(profile.tls.caBundle),
    RESTART
  ].join('');
}

/** The Studio JupyterLab space's script (studio-steps.ts says what differs). */
function renderStudio(profile: IProfile, wheel: WheelOptions): string {
  return [
    prelude(profile.name, 'studio'),
    stageFiles({
      'preset.json': renderPreset(profile),
      'merge.py': sparkmagicMergeProgram(profile),
      'krb5.conf': renderKrb5ForProfile(profile, null)
    }),
    STUDIO_KRB5_CLIENT,
    JUPYTERLAB,
    wheelStep(wheel, STUDIO.volume, STUDIO_WHEEL_READ),
    PRESET,
    studioStateStep(sagemakerPath(profile.keytab, STUDIO)),
    STUDIO_KRB5,
    sparkmagicStep('$H/.sparkmagic/config.json'),
    profile.tls.caBundle === ''
      ? ''
      : studioKernelEnvStep(profile.tls.caBundle),
    STUDIO_FINISH
  ].join('');
}

/** The on-create script: the persistent state directory, ready for keytabs. */
export function renderOnCreate(): string {
  const dir = shellQuote(SAGEMAKER.state);
  return `#!/bin/bash
# SageMaker notebook-instance lifecycle configuration (on-create), made by
# "sparkmagic-kerberos lifecycle": prepares ${SAGEMAKER.state}
# for keytabs before the first start; the on-start script does the rest.
set -euo pipefail
echo "[sparkmagic-kerberos] on-create: preparing ${SAGEMAKER.state}"
# shellcheck disable=SC2016
sudo -u ${SAGEMAKER.user} -H -- sh -c 'umask 077; mkdir -p "$1/sparkmagic" "$1/lab-settings" "$1/keytabs"; chmod 700 "$1" "$1/sparkmagic" "$1/lab-settings" "$1/keytabs"' sh ${dir}
echo "[sparkmagic-kerberos] on-create: put keytabs in ${SAGEMAKER.state}/keytabs"
`;
}

/** The form `aws sagemaker create-notebook-instance-lifecycle-config` takes as Content. */
export function lifecycleBase64(script: string): string {
  return base64Encode(utf8Encode(script));
}
