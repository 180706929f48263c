import * as fs from 'fs';
import * as path from 'path';
import {
  ProfileStore,
  readOptions,
  schemaDefaults,
  uniqueName
} from '../../src/lab/settings';
import { sampleProfile } from '../core/sample-profile';
import { fakeSettings } from '../model/fakes';

const SCHEMA = JSON.parse(
  fs.readFileSync(path.join(__dirname, '../../schema/plugin.json'), 'utf8')
);
const DEFAULTS = schemaDefaults(SCHEMA);

describe('readOptions', () => {
  it('takes every default from the schema', () => {
    const changed = { ...DEFAULTS } as Record<string, unknown>;
    for (const [key, value] of Object.entries(changed)) {
      if (typeof value === 'number') {
        changed[key] = value + 7;
      } else if (typeof value === 'boolean') {
        changed[key] = !value;
      }
    }
    const options = readOptions({}, changed as any) as unknown as Record<
      string,
      unknown
    >;
    for (const [key, value] of Object.entries(changed)) {
      if (typeof value === 'number' || typeof value === 'boolean') {
        expect([key, options[key]]).toEqual([key, value]);
      }
    }
  });

  it('falls back to the schema defaults when the defaults given are no use (an admin override of the wrong type)', () => {
    const junk = Object.fromEntries(
      Object.keys(DEFAULTS).map(key => [key, 'junk'])
    );
    const fallback = readOptions({}, junk) as unknown as Record<
      string,
      unknown
    >;
    for (const [key, value] of Object.entries(DEFAULTS)) {
      if (typeof value === 'number' || typeof value === 'boolean') {
        expect([key, fallback[key]]).toEqual([key, value]);
      }
    }
  });

  it('fills defaults and completes partial profiles', () => {
    const o = readOptions(
      {
        profiles: [{ name: 'a', realm: 'R' }, 'junk' as any],
        warnBeforeMinutes: -1
      },
      DEFAULTS
    );
    expect(o.profiles).toHaveLength(1);
    expect(o.profiles[0].ticketMode).toBe('service');
    expect(o.warnBeforeMinutes).toBe(15);
    expect(o.autoRenew).toBe(true);
  });

  it('reads the number of backups kept: the schema default, 0 allowed, junk ignored', () => {
    expect(SCHEMA.properties.keepBackups.default).toBe(5);
    expect(readOptions({}, DEFAULTS).keepBackups).toBe(5);
    expect(readOptions({ keepBackups: 0 }, DEFAULTS).keepBackups).toBe(0);
    expect(readOptions({ keepBackups: 12 }, DEFAULTS).keepBackups).toBe(12);
    for (const junk of [-1, 2.5, '3', null, 1001]) {
      expect(
        readOptions({ keepBackups: junk as any }, DEFAULTS).keepBackups
      ).toBe(5);
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
