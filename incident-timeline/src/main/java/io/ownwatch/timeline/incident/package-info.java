/** Incidents as the timeline sees them: the ordered entries of each incident and the summary folded from them. */
package io.ownwatch.timeline.incident;
