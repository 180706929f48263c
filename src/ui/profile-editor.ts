import { ISignal, Signal } from '@lumino/signaling';
import type { IProfile } from '../core/profile';

/** Which profile the form edits (null name: a new one); shared with the commands. */
export class ProfileEditor {
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** The profile being edited and its saved name (null when new), or null when closed. */
  get editing(): { profile: IProfile; previous: string | null } | null {
    return this._editing;
  }

  open(profile: IProfile, previous: string | null): void {
    this._editing = { profile, previous };
    this._changed.emit();
  }

  close(): void {
    this._editing = null;
    this._changed.emit();
  }

  private _editing: { profile: IProfile; previous: string | null } | null =
    null;
  private _changed = new Signal<this, void>(this);
}
