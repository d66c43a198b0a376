/** The admin API that starts a rebuild and shows how it went. */
package io.ownwatch.timeline.rebuild.web;
