// jest-preset-angular 17: the preset is built with createCjsPreset (transform, jsdom, serializers,
// and transformIgnorePatterns that also compile Angular's ESM locale data).
const { createCjsPreset } = require('jest-preset-angular/presets');

module.exports = {
  displayName: 'web',
  preset: '../../jest.preset.js',
  ...createCjsPreset(),
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  // Component tests render real Material components: on a loaded 2-core machine 5 s is too tight.
  testTimeout: 30_000,
  coverageDirectory: '../../coverage/apps/web',
  moduleNameMapper: {
    // Deep imports of the contracts (see tsconfig.app.json): value exports without class-validator.
    '^@tremplin/contracts/(.*)$': '<rootDir>/../../libs/contracts/src/lib/$1',
  },
};
