/**
 * Failure texts explained with `explain`, loaded on first use: its rules
 * and fixes are only needed when something has gone wrong, so they stay
 * out of the bundle JupyterLab loads at start-up.
 */
import type { IExplainContext, IExplanation } from './explain';
import type { IProfile } from '../profile';

/** The explanation of a failed command's output. */
export async function explainOutput(
  text: string,
  profile?: IProfile | null
): Promise<IExplanation> {
  const { explain } = await import('./explain');
  return explain(text, profile ? contextOf(profile) : {});
}

/** A thrown error explained; an unrecognised one keeps its own message as title. */
export async function explainError(reason: unknown): Promise<IExplanation> {
  const text = reason instanceof Error ? reason.message : String(reason);
  const explained = await explainOutput(text);
  return explained.code === 'UNKNOWN'
    ? { ...explained, title: text }
    : explained;
}

function contextOf(profile: IProfile): IExplainContext {
  let nlbHost: string | undefined;
  try {
    nlbHost = new URL(profile.livyUrl).hostname.toLowerCase();
  } catch {
    nlbHost = undefined;
  }
  return {
    realm: profile.realm || undefined,
    principal: profile.principal || undefined,
    nlbHost
  };
}

/** A failure that already carries its explanation. */
export class ExplainedError extends Error {
  constructor(readonly explanation: IExplanation) {
    super(explanation.title);
  }
}
