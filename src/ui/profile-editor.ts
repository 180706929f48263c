import { ISignal, Signal } from '@lumino/signaling';
import type { IProfile } from '../core/profile';

/** One open edit: the profile as it was opened and its saved name (null when new). */
export interface IProfileEdit {
  profile: IProfile;
  previous: string | null;
}

/**
 * The profiles open in editors (one editor per profile, in the main area);
 * shared with the commands, which open and check them.
 */
export class ProfileEditor {
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** The open edits, oldest first. */
  get edits(): readonly IProfileEdit[] {
    return [...this._edits.values()];
  }

  /** Whether the saved profile `name` has an editor open. */
  isEditing(name: string): boolean {
    return this._edits.has(ProfileEditor.key(name));
  }

  /** Registers an edit; returns its key (the same key for the same profile). */
  open(profile: IProfile, previous: string | null): string {
    const key = ProfileEditor.key(previous);
    if (!this._edits.has(key)) {
      this._edits.set(key, { profile, previous });
      this._changed.emit();
    }
    return key;
  }

  close(key: string): void {
    if (this._edits.delete(key)) {
      this._changed.emit();
    }
  }

  /** Editors are keyed by the saved name; every new profile shares one. */
  static key(previous: string | null): string {
    return previous === null ? 'new' : `profile:${previous}`;
  }

  private _edits = new Map<string, IProfileEdit>();
  private _changed = new Signal<this, void>(this);
}
