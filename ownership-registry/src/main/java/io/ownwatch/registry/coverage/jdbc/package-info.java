/** Reads a consistent snapshot of the registry from PostgreSQL for the coverage report. */
package io.ownwatch.registry.coverage.jdbc;
