// The one place the version comes from: package.json, bundled at build time.
import manifest from '../../../package.json' with { type: 'json' };

export const APP_VERSION: string = manifest.version;
