/** The incident timeline service: consumes every service's timeline events and serves incidents and their history. */
package io.ownwatch.timeline;
