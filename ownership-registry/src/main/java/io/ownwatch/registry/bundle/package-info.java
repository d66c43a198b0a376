/**
 * Ownership as code: a bundle of YAML files (our own format and Backstage catalog entities) read with the
 * position of every node, checked as a whole, diffed against the registry and applied in one transaction.
 */
package io.ownwatch.registry.bundle;
