/**
 * SageMaker Studio JupyterLab spaces, recognised from the Jupyter server's
 * environment: which Kerberos tools kernels and terminals run (the image's
 * conda-forge krb5 in /opt/conda/bin comes before /usr/bin), whether they
 * read one credential cache, and whether the space is shared (every
 * collaborator is the same uid in one container).
 */
import type { IEnvironmentProbe } from './probe-types';

/** The variables SageMaker sets for a space's app (none is a secret). */
export const STUDIO_VARIABLES = [
  'SAGEMAKER_APP_TYPE',
  'SAGEMAKER_SPACE_NAME',
  'SAGEMAKER_SPACE_TYPE_LOWERCASE'
] as const;

export interface IStudio {
  space: string;
  shared: boolean;
  /** What the server's PATH finds, which terminals and kernels inherit. */
  kinit: string | null;
  klist: string | null;
  /** The klist a Sparkmagic kernel's own environment finds. */
  kernelKlist: string | null;
  /** The credential cache klist uses on the server's side and in a kernel. */
  cache: string | null;
  kernelCache: string | null;
}

export function studioFromProbe(probe: IEnvironmentProbe): IStudio | null {
  const env = probe.serverEnv;
  const space = env.SAGEMAKER_SPACE_NAME ?? '';
  if (space === '' && env.SAGEMAKER_APP_TYPE !== 'JupyterLab') {
    return null;
  }
  const kernel = probe.kernelspecs.find(k => k.sparkmagic && k.view)?.view;
  return {
    space,
    shared: env.SAGEMAKER_SPACE_TYPE_LOWERCASE === 'shared',
    kinit: probe.kinit.path,
    klist: probe.klist.path,
    kernelKlist: kernel?.klist ?? null,
    cache: probe.server?.cacheName ?? env.KRB5CCNAME ?? null,
    kernelCache: kernel?.cacheName ?? null
  };
}

/** What the panel says about the space, one sentence each. */
export function studioNotes(studio: IStudio): string[] {
  const name = studio.space ? ` “${studio.space}”` : '';
  const tools = `SageMaker Studio space${name}: terminals and kernels run ${studio.kinit ?? 'no kinit'} and ${studio.klist ?? 'no klist'}`;
  const kernelTool =
    studio.kernelKlist && studio.kernelKlist !== studio.klist
      ? `; a Sparkmagic kernel's PATH finds ${studio.kernelKlist}.`
      : '.';
  const notes = [tools + kernelTool];
  if (
    studio.cache &&
    studio.kernelCache &&
    studio.cache.replace(/^FILE:/, '') !==
      studio.kernelCache.replace(/^FILE:/, '')
  ) {
    notes.push(
      `Sign-in writes ${studio.cache}, but Sparkmagic kernels read ${studio.kernelCache}: apply the profile, whose krb5.conf gives both default_ccache_name = FILE:/tmp/krb5cc_%{uid}.`
    );
  } else if (studio.cache) {
    notes.push(`Both use one credential cache, ${studio.cache}.`);
  }
  if (studio.shared) {
    notes.push(
      'This is a shared space: every collaborator works as the same user, so one sign-in’s ticket serves everyone’s kernels, and Livy sees all of them as that principal.'
    );
  }
  return notes;
}
