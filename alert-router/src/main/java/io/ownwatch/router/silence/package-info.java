/** Silences and maintenance windows: label matchers over a time range that keep matching alerts from opening incidents. */
package io.ownwatch.router.silence;
