/**
 * Typed view of the plugin settings and the profile list edits the panel
 * makes. The panel and the settings editor share one ISettings object, so an
 * edit in either place reaches the other through `changed`.
 */
import type { ISettingRegistry } from '@jupyterlab/settingregistry';
import type {
  PartialJSONArray,
  ReadonlyPartialJSONObject
} from '@lumino/coreutils';
import { ISignal, Signal } from '@lumino/signaling';
import { IProfile, withDefaults } from '../core/profile';

export interface IPanelOptions {
  profiles: IProfile[];
  activeProfile: string;
  autoRenew: boolean;
  closeSignInTerminal: boolean;
  renewBeforeMinutes: number;
  warnBeforeMinutes: number;
  pollIntervalSeconds: number;
  commandTimeoutSeconds: number;
  useSudo: boolean;
  keepBackups: number;
}

export const DEFAULT_OPTIONS: IPanelOptions = {
  profiles: [],
  activeProfile: '',
  autoRenew: true,
  closeSignInTerminal: true,
  renewBeforeMinutes: 30,
  warnBeforeMinutes: 15,
  pollIntervalSeconds: 60,
  commandTimeoutSeconds: 30,
  useSudo: false,
  keepBackups: 5
};

/** Reads composite settings, falling back to defaults for anything malformed. */
export function readOptions(
  composite: ReadonlyPartialJSONObject
): IPanelOptions {
  const num = (key: keyof IPanelOptions): number => {
    const v = composite[key];
    return typeof v === 'number' && v > 0
      ? v
      : (DEFAULT_OPTIONS[key] as number);
  };
  const profiles = Array.isArray(composite.profiles)
    ? composite.profiles
        .filter(p => !!p && typeof p === 'object' && !Array.isArray(p))
        .map(p => withDefaults(p as Partial<IProfile>))
    : [];
  return {
    profiles,
    activeProfile:
      typeof composite.activeProfile === 'string'
        ? composite.activeProfile
        : '',
    autoRenew: composite.autoRenew !== false,
    closeSignInTerminal: composite.closeSignInTerminal !== false,
    renewBeforeMinutes: num('renewBeforeMinutes'),
    warnBeforeMinutes: num('warnBeforeMinutes'),
    pollIntervalSeconds: num('pollIntervalSeconds'),
    commandTimeoutSeconds: num('commandTimeoutSeconds'),
    useSudo: composite.useSudo === true,
    keepBackups:
      Number.isInteger(composite.keepBackups) &&
      (composite.keepBackups as number) >= 0 &&
      (composite.keepBackups as number) <= 1000
        ? (composite.keepBackups as number)
        : DEFAULT_OPTIONS.keepBackups
  };
}

/** The profile named by `activeProfile`, else the first one. */
export function pickActive(options: IPanelOptions): IProfile | null {
  return (
    options.profiles.find(p => p.name === options.activeProfile) ??
    options.profiles[0] ??
    null
  );
}

/** `base`, or `base 2`, `base 3`... whichever no profile uses yet. */
export function uniqueName(profiles: IProfile[], base: string): string {
  const names = new Set(profiles.map(p => p.name));
  let name = base;
  for (let i = 2; names.has(name); i++) {
    name = `${base} ${i}`;
  }
  return name;
}

/** Replaces the profile called `previous` (or appends when null or absent). */
export function upsertProfile(
  profiles: IProfile[],
  previous: string | null,
  profile: IProfile
): IProfile[] {
  const index =
    previous === null ? -1 : profiles.findIndex(p => p.name === previous);
  if (index === -1) {
    return [...profiles, profile];
  }
  return profiles.map((p, i) => (i === index ? profile : p));
}

/** Reads and edits the profiles held in the plugin settings. */
export class ProfileStore {
  constructor(settings: ISettingRegistry.ISettings) {
    this._settings = settings;
    this._options = readOptions(settings.composite);
    settings.changed.connect(this._onChanged, this);
  }

  /** Emits after any change, from the panel or the settings editor. */
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get options(): IPanelOptions {
    return this._options;
  }

  get active(): IProfile | null {
    return pickActive(this._options);
  }

  /** The JSON schema of one profile, for the panel's form. */
  get profileSchema(): ReadonlyPartialJSONObject | null {
    const defs = (
      this._settings.schema as { definitions?: Record<string, unknown> }
    ).definitions;
    return (defs?.profile as ReadonlyPartialJSONObject | undefined) ?? null;
  }

  async setActive(name: string): Promise<void> {
    await this._settings.set('activeProfile', name);
  }

  /** Saves `profile` in place of the one called `previous` (null: a new one). */
  async save(previous: string | null, profile: IProfile): Promise<void> {
    const wasActive = previous !== null && this.active?.name === previous;
    const profiles = upsertProfile(this._options.profiles, previous, profile);
    await this._settings.set('profiles', asJSON(profiles));
    if (wasActive || previous === null || profiles.length === 1) {
      await this.setActive(profile.name);
    }
  }

  async remove(name: string): Promise<void> {
    const profiles = this._options.profiles.filter(p => p.name !== name);
    await this._settings.set('profiles', asJSON(profiles));
    if (this._options.activeProfile === name) {
      await this.setActive(profiles[0]?.name ?? '');
    }
  }

  dispose(): void {
    this._settings.changed.disconnect(this._onChanged, this);
  }

  private _onChanged(): void {
    this._options = readOptions(this._settings.composite);
    this._changed.emit();
  }

  private _settings: ISettingRegistry.ISettings;
  private _options: IPanelOptions;
  private _changed = new Signal<this, void>(this);
}

/** Profiles are plain JSON; an interface has no index signature to prove it. */
function asJSON(profiles: IProfile[]): PartialJSONArray {
  return profiles as unknown as PartialJSONArray;
}
