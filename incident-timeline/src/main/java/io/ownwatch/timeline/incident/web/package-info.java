/** The HTTP API over incidents and their timelines. */
package io.ownwatch.timeline.incident.web;
