/** Postmortems: a Markdown draft of an incident from its timeline, and a replay of its events at their original pace. */
package io.ownwatch.timeline.postmortem;
