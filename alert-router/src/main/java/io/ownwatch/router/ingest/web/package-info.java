/** HTTP edge of ingestion: webhook endpoints and their RFC 9457 problem details. */
package io.ownwatch.router.ingest.web;
