/** The notification-rules API: each person's contact rules. */
package io.ownwatch.router.escalation.web;
