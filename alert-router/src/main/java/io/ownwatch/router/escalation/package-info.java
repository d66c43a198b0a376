/** Escalation: the incident's policy snapshotted when it opens, its levels paged on durable timers until someone acknowledges. */
package io.ownwatch.router.escalation;
