/** The HTTP edge of postmortems: the Markdown export and the Server-Sent Events replay. */
package io.ownwatch.timeline.postmortem.web;
