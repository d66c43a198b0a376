/** HTTP edge of ingestion: the endpoint of each form, the key-checking door in front of them, and their refusals. */
package io.ownwatch.router.ingest.web;
