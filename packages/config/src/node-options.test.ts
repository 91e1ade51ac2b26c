import { describe, expect, it } from 'vitest';
import { appServerNodeOptions } from './node-options';

describe('appServerNodeOptions', () => {
  it('adds the app-server flags to NODE_OPTIONS, keeping what is set and never overriding it', () => {
    expect(appServerNodeOptions()).toBe('--max-semi-space-size=64');
    expect(appServerNodeOptions('--enable-source-maps')).toBe(
      '--enable-source-maps --max-semi-space-size=64',
    );
    expect(appServerNodeOptions(' --max-semi-space-size=16  --trace-warnings ')).toBe(
      '--max-semi-space-size=16 --trace-warnings',
    );
  });
});
