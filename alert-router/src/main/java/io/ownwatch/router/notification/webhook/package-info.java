/** The generic webhook channel: Ownwatch's own JSON to any http(s) endpoint. */
package io.ownwatch.router.notification.webhook;
