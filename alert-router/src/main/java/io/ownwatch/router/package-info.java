/** The alert-router service: from an alert to an owned incident with a timeline. */
package io.ownwatch.router;
