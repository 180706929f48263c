import {
  ProfileStore,
  readOptions,
  uniqueName
} from '../../src/model/settings';
import { sampleProfile } from '../core/sample-profile';
import { fakeSettings } from './fakes';

describe('readOptions', () => {
  it('fills defaults and completes partial profiles', () => {
    const o = readOptions({
      profiles: [{ name: 'a', realm: 'R' }, 'junk' as any],
      warnBeforeMinutes: -1
    });
    expect(o.profiles).toHaveLength(1);
    expect(o.profiles[0].ticketMode).toBe('service');
    expect(o.warnBeforeMinutes).toBe(15);
    expect(o.autoRenew).toBe(true);
  });
});

describe('ProfileStore', () => {
  it('adds, renames and deletes profiles and follows the active one', async () => {
    const { settings, state } = fakeSettings({ profiles: [] });
    const store = new ProfileStore(settings);
    let changes = 0;
    store.changed.connect(() => changes++);
    await store.save(null, sampleProfile({ name: 'one' }));
    expect(store.active?.name).toBe('one');
    await store.save(null, sampleProfile({ name: 'two' }));
    expect(store.active?.name).toBe('two');
    await store.save('two', sampleProfile({ name: 'second' }));
    expect(state.activeProfile).toBe('second');
    expect(store.options.profiles.map(p => p.name)).toEqual(['one', 'second']);
    await store.remove('second');
    expect(store.active?.name).toBe('one');
    expect(changes).toBeGreaterThan(0);
    expect(store.profileSchema).toEqual({ type: 'object' });
  });

  it('sees edits made in the settings editor', () => {
    const { settings, state, changed } = fakeSettings({
      profiles: [sampleProfile({ name: 'a' })]
    });
    const store = new ProfileStore(settings);
    state.profiles = [sampleProfile({ name: 'a', realm: 'OTHER.REALM' })];
    changed.emit();
    expect(store.active?.realm).toBe('OTHER.REALM');
  });

  it('makes unique names', () => {
    expect(
      uniqueName(
        [
          sampleProfile({ name: 'cluster' }),
          sampleProfile({ name: 'cluster 2' })
        ],
        'cluster'
      )
    ).toBe('cluster 3');
  });
});
