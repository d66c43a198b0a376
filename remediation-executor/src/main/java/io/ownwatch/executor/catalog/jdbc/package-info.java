/** The catalog in PostgreSQL: one row per runbook (its latest approved version) and per owned service. */
package io.ownwatch.executor.catalog.jdbc;
