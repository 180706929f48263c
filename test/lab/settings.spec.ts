import * as fs from 'fs';
import * as path from 'path';
import {
  DEFAULT_OPTIONS,
  ProfileStore,
  readOptions,
  uniqueName
} from '../../src/lab/settings';
import { sampleProfile } from '../core/sample-profile';
import { fakeSettings } from '../model/fakes';

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

  it('reads the number of backups kept: the schema default, 0 allowed, junk ignored', () => {
    const schema = JSON.parse(
      fs.readFileSync(path.join(__dirname, '../../schema/plugin.json'), 'utf8')
    );
    expect(schema.properties.keepBackups.default).toBe(
      DEFAULT_OPTIONS.keepBackups
    );
    expect(readOptions({}).keepBackups).toBe(5);
    expect(readOptions({ keepBackups: 0 }).keepBackups).toBe(0);
    expect(readOptions({ keepBackups: 12 }).keepBackups).toBe(12);
    for (const junk of [-1, 2.5, '3', null, 1001]) {
      expect(readOptions({ keepBackups: junk as any }).keepBackups).toBe(5);
    }
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
