/**
 * Notifications: pages to people and posts to team channels, queued durably and delivered apart from alert
 * processing, by webhook, Slack or e-mail, with signed one-click links to acknowledge or resolve.
 */
package io.ownwatch.router.notification;
