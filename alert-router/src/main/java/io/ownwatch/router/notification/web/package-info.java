/** The one-click acknowledge and resolve links of notifications: a confirmation page, then the action. */
package io.ownwatch.router.notification.web;
