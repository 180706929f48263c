/**
 * Typed view of the plugin settings and the profile list edits the panel
 * makes. The panel and the settings editor share one ISettings object, so an
 * edit in either place reaches the other through `changed`.
 */
import type { ISettingRegistry } from '@jupyterlab/settingregistry';
import type {
  PartialJSONArray,
  ReadonlyPartialJSONObject,
  ReadonlyPartialJSONValue
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

/** The schema's `default` of each setting: the one place defaults are written. */
export function schemaDefaults(
  schema: ISettingRegistry.ISchema
): ReadonlyPartialJSONObject {
  const defaults: Record<string, ReadonlyPartialJSONValue | undefined> = {};
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    defaults[key] = property.default as ReadonlyPartialJSONValue | undefined;
  }
  return defaults;
}

/**
 * Reads composite settings; a malformed value falls back to the schema's
 * default, and a default that is itself missing or malformed to a safe one.
 */
export function readOptions(
  composite: ReadonlyPartialJSONObject,
  defaults: ReadonlyPartialJSONObject
): IPanelOptions {
  const pick = <T>(
    key: keyof IPanelOptions,
    valid: (v: unknown) => v is T,
    safe: T
  ): T => {
    const v = composite[key];
    if (valid(v)) {
      return v;
    }
    const d = defaults[key];
    return valid(d) ? d : safe;
  };
  const positive = (v: unknown): v is number => typeof v === 'number' && v > 0;
  const flag = (v: unknown): v is boolean => typeof v === 'boolean';
  const backups = (v: unknown): v is number =>
    Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 1000;
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
    autoRenew: pick('autoRenew', flag, true),
    closeSignInTerminal: pick('closeSignInTerminal', flag, true),
    renewBeforeMinutes: pick('renewBeforeMinutes', positive, 30),
    warnBeforeMinutes: pick('warnBeforeMinutes', positive, 15),
    pollIntervalSeconds: pick('pollIntervalSeconds', positive, 60),
    commandTimeoutSeconds: pick('commandTimeoutSeconds', positive, 30),
    useSudo: pick('useSudo', flag, false),
    keepBackups: pick('keepBackups', backups, 5)
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
    this._defaults = schemaDefaults(settings.schema);
    this._options = readOptions(settings.composite, this._defaults);
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
    this._options = readOptions(this._settings.composite, this._defaults);
    this._changed.emit();
  }

  private _settings: ISettingRegistry.ISettings;
  private _defaults: ReadonlyPartialJSONObject;
  private _options: IPanelOptions;
  private _changed = new Signal<this, void>(this);
}

/** Profiles are plain JSON; an interface has no index signature to prove it. */
function asJSON(profiles: IProfile[]): PartialJSONArray {
  return profiles as unknown as PartialJSONArray;
}
