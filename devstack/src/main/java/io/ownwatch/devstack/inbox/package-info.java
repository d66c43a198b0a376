/** The embedded run's dev inbox: a real SMTP server and a webhook receiver that keep what Ownwatch sends, shown on one page. */
package io.ownwatch.devstack.inbox;
