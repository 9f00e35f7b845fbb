/** The largest partner bundle we import (the dashboard's upload and the CLI): 20 MiB. Shared with the browser, so no imports. */
export const MAX_BUNDLE_BYTES = 20 * 1024 * 1024;
