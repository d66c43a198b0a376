/** The Slack channel: Block Kit messages to incoming webhooks. */
package io.ownwatch.router.notification.slack;
