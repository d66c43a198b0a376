/** The normalised alert: the vocabulary that ingestion produces and incident routing consumes. */
package io.ownwatch.router.alert;
