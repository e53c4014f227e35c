import pkg from '../package.json';

/** The Cairn version recorded in case files, audit entries and export manifests. */
export const CAIRN_VERSION: string = pkg.version;
