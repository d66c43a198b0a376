/** Notifications: pages to people and posts to team channels, queued durably and delivered apart from alert processing. */
package io.ownwatch.router.notification;
