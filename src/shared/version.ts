/** Compared by `define()`: the same version registered twice is a no-op. Keep in step with package.json. */
export const VERSION = '0.1.0';
