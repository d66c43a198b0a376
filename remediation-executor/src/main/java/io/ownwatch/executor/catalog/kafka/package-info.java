/** Follows runbooks.v1 and ownership.v1 from their first offset into the catalog. */
package io.ownwatch.executor.catalog.kafka;
