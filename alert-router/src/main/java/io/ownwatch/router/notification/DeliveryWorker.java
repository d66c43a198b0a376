package io.ownwatch.router.notification;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.micrometer.core.instrument.MeterRegistry;
import io.ownwatch.router.incident.Incident;
import io.ownwatch.router.incident.IncidentJournal;
import io.ownwatch.router.incident.IncidentNotFound;
import io.ownwatch.router.incident.Incidents;
import io.ownwatch.router.notification.NotificationQueue.Claim;
import io.ownwatch.router.timeline.TimelineEntry;
import io.ownwatch.router.timeline.TimelineEntryType;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the notification queue, apart from alert processing. Every poll claims due pages (a short transaction),
 * sends each on a pool of its own outside any transaction, guarded by its endpoint's circuit breaker and bulkhead,
 * then settles it: SENT with NOTIFIED on the incident's timeline, or due again after the back-off, or after the
 * last attempt FAILED with NOTIFICATION_FAILED. Settling locks the incident before the page's row (the lock order
 * of every writer). A storm summary belongs to no incident: it is settled without a timeline entry.
 *
 * <p>Claims never overlap, within an instance or across instances; a page is sent twice only when an instance died
 * between sending and settling, and the repeat carries the same notification id for the receiver to recognise.
 */
@Component
class DeliveryWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

    private final NotificationProperties properties;
    private final NotificationQueue queue;
    private final Map<Channel, NotificationSender> senders = new EnumMap<>(Channel.class);
    private final EndpointGuards guards;
    private final Incidents incidents;
    private final IncidentJournal journal;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;
    private final Clock clock;
    private final OneClickLinks links;
    private final Semaphore slots;
    private volatile ScheduledExecutorService poller;
    private volatile ExecutorService sending;

    DeliveryWorker(NotificationProperties properties, NotificationQueue queue, List<NotificationSender> senders,
            EndpointGuards guards, Incidents incidents, IncidentJournal journal, TransactionTemplate transactions,
            MeterRegistry meters, Clock clock) {
        this.properties = properties;
        this.queue = queue;
        senders.forEach(sender -> this.senders.put(sender.channel(), sender));
        this.guards = guards;
        this.incidents = incidents;
        this.journal = journal;
        this.transactions = transactions;
        this.meters = meters;
        this.clock = clock;
        this.links = OneClickLinks.of(properties);
        this.slots = new Semaphore(properties.concurrency());
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            log.info("Notification delivery is disabled on this instance");
            return;
        }
        sending = Executors.newFixedThreadPool(properties.concurrency(), daemon("notification-send"));
        poller = Executors.newSingleThreadScheduledExecutor(daemon("notification-poll"));
        poller.scheduleWithFixedDelay(this::poll, 0, properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService p = poller;
        ExecutorService s = sending;
        poller = null;
        sending = null;
        if (p != null) {
            p.shutdownNow();
        }
        if (s != null) {
            // Sends in flight finish and settle; a page cut off is taken again once its lease runs out.
            s.shutdown();
            try {
                s.awaitTermination(properties.requestTimeout().plus(properties.connectTimeout()).toMillis(),
                        TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return poller != null;
    }

    /**
     * Claims due pages for the free senders, again and again while the queue has more due than was asked for: a burst
     * is delivered at the pace of the senders, not of one claim of {@code concurrency} pages per poll interval.
     * Claims never exceed the free senders, so nothing claimed waits out its lease in a queue.
     */
    private void poll() {
        ExecutorService pool = sending;
        try {
            while (pool != null && pool == sending) {
                int free = slots.availablePermits();
                int enough = Math.max(1, Math.min(properties.batchSize(), properties.concurrency()) / 2);
                if (free < enough) {
                    // Most senders are busy: wait for half of them rather than for the next poll, and claim for them
                    // together rather than in a transaction per page that finishes.
                    slots.acquire(enough);
                    slots.release(enough);
                    continue;
                }
                int wanted = Math.min(free, properties.batchSize());
                int claimed = deliverDue(wanted, task -> {
                    slots.acquireUninterruptibly();
                    try {
                        pool.execute(() -> {
                            try {
                                task.run();
                            } finally {
                                slots.release();
                            }
                        });
                    } catch (RuntimeException e) {
                        slots.release();
                        throw e;
                    }
                });
                if (claimed < wanted) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The database is away or the pool is shutting down: the next poll tries again, nothing is lost.
            log.warn("Notification poll failed: {}", e.toString());
        }
    }

    /**
     * Claims up to {@code max} due pages and hands the delivery of each to the executor.
     *
     * @return how many pages were claimed for sending
     */
    int deliverDue(int max, Executor executor) {
        NotificationQueue.Claimed claimed = queue.claim(max, properties.lease());
        for (Page page : claimed.cancelled()) {
            log.info("Incident {}: page {} cancelled, the incident was taken care of before it fell due",
                    page.incidentId(), page.notificationId());
            count(page, "cancelled");
        }
        for (Claim claim : claimed.toSend()) {
            executor.execute(() -> {
                try {
                    deliver(claim);
                } catch (RuntimeException e) {
                    // Settling failed (the database went away): the page is taken again once its lease runs out,
                    // with the same notification id, so a receiver sees the repeat for what it is.
                    log.warn("Incident {}: page {} could not be settled, it is retried after its lease: {}",
                            claim.page().incidentId(), claim.page().notificationId(), e.toString());
                }
            });
        }
        return claimed.toSend().size();
    }

    private void deliver(Claim claim) {
        Page page = claim.page();
        NotificationSender sender = senders.get(page.channel());
        String endpoint = sender.endpoint(page);
        try {
            Notice notice = notice(page);
            guards.call(endpoint, () -> sender.send(notice));
        } catch (BulkheadFullException e) {
            // Never left: no attempt spent, back at the first step of the back-off.
            queue.reschedule(claim, properties.backoff().initial(), "endpoint " + endpoint + " busy", false);
            count(page, "deferred");
            return;
        } catch (CallNotPermittedException e) {
            failed(claim, "circuit open for endpoint " + endpoint);
            return;
        } catch (DeliveryFailed e) {
            failed(claim, e.getMessage());
            return;
        } catch (RuntimeException e) {
            failed(claim, e.getClass().getSimpleName() + ": " + e.getMessage());
            return;
        }
        sent(claim);
    }

    private Notice notice(Page page) {
        if (page.kind() == Page.Kind.STORM_SUMMARY) {
            return new Notice(page, null, null);
        }
        Incident incident = incidents.findById(page.incidentId())
                .orElseThrow(() -> new IncidentNotFound(page.incidentId()));
        Notice.Subject subject = new Notice.Subject(incident.id(), incident.status().name(), incident.severity().name(),
                service(incident), incident.teamId(), incident.summary());
        Instant now = clock.instant();
        Notice.Links actions = page.personId() == null
                ? new Notice.Links(null, null, links.incident(incident.id()))
                : new Notice.Links(links.link(incident.id(), LinkAction.ACKNOWLEDGE, page.personId(), now),
                        links.link(incident.id(), LinkAction.RESOLVE, page.personId(), now),
                        links.incident(incident.id()));
        return new Notice(page, subject, actions);
    }

    /**
     * The owning service, or, for an incident whose owner is unknown (the catch-all team has it), the {@code service}
     * label of its first alert: whoever is paged for it needs to know where to look.
     */
    private String service(Incident incident) {
        if (incident.serviceId() != null) {
            return incident.serviceId();
        }
        return incidents.alertsOf(incident.id()).stream()
                .map(alert -> alert.labels().get("service"))
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(null);
    }

    private void sent(Claim claim) {
        Page page = claim.page();
        boolean settled = Boolean.TRUE.equals(transactions.execute(status -> {
            lockIncident(page);
            if (!queue.markSent(claim)) {
                return false;
            }
            if (page.incidentId() != null) {
                journal.record(page.incidentId(), TimelineEntryType.NOTIFIED, clock.instant(),
                        TimelineEntry.Actor.ALERT_ROUTER, attributes(claim, null));
            }
            return true;
        }));
        if (settled) {
            log.info("Incident {}: page {} sent by {} (attempt {})", page.incidentId(), page.notificationId(),
                    page.channel(), claim.attempts() + 1);
            count(page, "sent");
        } else {
            log.warn("Incident {}: page {} was sent after its lease ran out; another worker owns it now",
                    page.incidentId(), page.notificationId());
        }
    }

    private void failed(Claim claim, String reason) {
        Page page = claim.page();
        int attempts = claim.attempts() + 1;
        if (attempts < properties.maxAttempts()) {
            if (queue.reschedule(claim, properties.backoff().after(attempts), reason, true)) {
                log.info("Incident {}: page {} by {} failed (attempt {} of {}), retried later: {}", page.incidentId(),
                        page.notificationId(), page.channel(), attempts, properties.maxAttempts(), reason);
                count(page, "retried");
            }
            return;
        }
        boolean settled = Boolean.TRUE.equals(transactions.execute(status -> {
            lockIncident(page);
            if (!queue.markFailed(claim, reason)) {
                return false;
            }
            if (page.incidentId() != null) {
                journal.record(page.incidentId(), TimelineEntryType.NOTIFICATION_FAILED, clock.instant(),
                        TimelineEntry.Actor.ALERT_ROUTER, attributes(claim, reason));
            }
            return true;
        }));
        if (settled) {
            log.warn("Incident {}: page {} by {} failed after {} attempts: {}", page.incidentId(),
                    page.notificationId(), page.channel(), attempts, reason);
            count(page, "failed");
        }
    }

    private void lockIncident(Page page) {
        if (page.incidentId() != null) {
            journal.lock(page.incidentId());
        }
    }

    private static Map<String, String> attributes(Claim claim, String reason) {
        Page page = claim.page();
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("notificationId", page.notificationId());
        attributes.put("channel", page.channel().name());
        attributes.put("kind", page.kind().name());
        attributes.put("personId", page.personId());
        attributes.put("teamId", page.personId() == null ? page.teamId() : null);
        attributes.put("level", Integer.toString(page.level()));
        attributes.put("attempts", Integer.toString(claim.attempts() + 1));
        attributes.put("reason", reason);
        return attributes;
    }

    private void count(Page page, String outcome) {
        meters.counter("ownwatch.notifications", "channel", page.channel().name(), "outcome", outcome).increment();
    }

    private static ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
