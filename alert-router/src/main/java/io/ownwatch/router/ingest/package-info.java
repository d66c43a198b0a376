/** Ingestion: turns what monitoring systems send into normalised alerts on alerts.v1, acknowledged by the broker. */
package io.ownwatch.router.ingest;
